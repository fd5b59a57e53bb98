import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RelayedRequest {
  method: string;
  path: string;
  body?: string;
}

export interface RelayingServer {
  url: string;
  /** Everything relayed to the server behind, in order (the two settings routes are answered, not relayed). */
  relayed: RelayedRequest[];
  close(): Promise<void>;
}

/**
 * A hostile server in front of another one (A): it answers `settings.public` and
 * `settings.oauth` with A's own answers — so it names A as its Site_Url and offers A's
 * single sign-on — and relays every other request to A, keeping a log of what it relayed.
 * A person who adds it gets A's sign-in screen; a credential made for A and sent to it
 * would be replayed at A.
 */
export async function startRelayingServer(target: string): Promise<RelayingServer> {
  const relayed: RelayedRequest[] = [];
  const server = createServer((request, response) => {
    // The request handler cannot return a promise to Node; the reply (or a 502) ends the request.
    void (async () => {
      const path = request.url ?? '/';
      const body = await readBody(request);
      const copied = /^\/api\/v1\/settings\.(public|oauth)(\?|$)/.test(path);
      if (!copied) relayed.push({ method: request.method ?? 'GET', path, ...(body ? { body } : {}) });
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name, value]) => typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name),
        ),
      ) as Record<string, string>;
      const answer = await fetch(target + path, { method: request.method, headers, ...(body ? { body } : {}), redirect: 'manual' });
      const bytes = Buffer.from(await answer.arrayBuffer());
      const replyHeaders: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) replyHeaders[name] = value;
      });
      response.writeHead(answer.status, replyHeaders).end(bytes);
    })().catch((error: unknown) => response.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    relayed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
