import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../../shared/errors';
import { secretFragmentKey, type HostFrame } from '../../shared/socketFrames';
import { callFrameSchema } from './callFrame';
import type { Core } from '../core/createCore';
import { contentSecurityPolicy } from '../core/rendererBundle';
import { checkSocketRequest } from './socketGate';
import { serveStatic } from './staticFiles';

export interface BrowserHostOptions {
  core: Core;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed secret for tests; a random one per launch otherwise. */
  secret?: string;
}

export interface BrowserHost {
  /** The address to open: it carries the secret in its fragment. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Largest call frame accepted; profile edits and avatars stay far below this. */
const maxFrameBytes = 8 * 1024 * 1024;

/**
 * The second shell: serves the built renderer to an ordinary browser on 127.0.0.1 and
 * carries the IPC contract over a WebSocket to the same core the Electron shell uses.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(`'self' ${origin.replace(/^http/, 'ws')}`),
    'X-Frame-Options': 'DENY',
  };

  server.on('request', (request, response) => {
    if (request.headers.host !== `127.0.0.1:${port}`) {
      response.writeHead(421).end();
      return;
    }
    void serveStatic(options.rendererDir, request, response, headers);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  server.on('upgrade', (request, socket, head) => {
    const verdict = checkSocketRequest(request, origin, secret);
    if (!verdict.allowed) {
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.reason}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.core));
  });

  const stopEvents = options.core.events.onAny((event, payload) => {
    const frame = JSON.stringify({ type: 'event', event, payload } satisfies HostFrame);
    for (const client of sockets.clients) {
      client.send(frame);
    }
  });

  return {
    url: `${origin}/#${secretFragmentKey}=${secret}`,
    origin,
    close: async () => {
      stopEvents();
      for (const client of sockets.clients) {
        client.terminate();
      }
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveSocket(ws: WebSocket, core: Core): void {
  ws.on('message', (data) => {
    void answer(ws, core, data.toString());
  });
}

async function answer(ws: WebSocket, core: Core, text: string): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return; // Not a frame of ours: there is no id to answer to.
  }
  const frame = callFrameSchema.safeParse(parsed);
  if (!frame.success) {
    const id = (parsed as { id?: unknown } | null)?.id;
    if (typeof id === 'number') {
      send(ws, { type: 'result', id, result: fail('validation', 'The request was not a valid call.') });
    }
    return;
  }
  const result = await core.dispatch(frame.data.channel, frame.data.payload);
  send(ws, { type: 'result', id: frame.data.id, result });
}

function send(ws: WebSocket, frame: HostFrame): void {
  if (ws.readyState === ws.OPEN) {
    ws.send(JSON.stringify(frame));
  }
}
