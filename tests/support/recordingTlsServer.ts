import https from 'node:https';
import net from 'node:net';
import type { SecureVersion, TLSSocket } from 'node:tls';

export interface RecordingTlsServer {
  /** https://localhost:<port> of the recording relay in front of the server. */
  url: string;
  /** Every byte clients sent, as the wire carried it. */
  received(): Buffer;
  /** The client certificate (SHA-256) of every handshake the server completed, null when none was shown. */
  handshakes: (string | null)[];
  /** The HTTP requests it answered ("GET /api/info"). */
  requests: string[];
  /** Resolves once the server has seen `count` connections end (whatever became of them). */
  connectionsEnded(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TLS server that asks every client for a certificate (unless told not to) and takes whatever
 * it is given (as a server that collects them would), behind a TCP relay that records what clients send. It
 * answers any request with a minimal /api/info. What the relay receives it passes on in full
 * before closing, so a byte a client sent cannot be lost on the way to the server.
 */
export async function startRecordingTlsServer(options: {
  cert: string;
  key: string;
  maxVersion?: SecureVersion;
  /** A group the client does not offer a key for at first (P-384): the server asks again (HelloRetryRequest). */
  ecdhCurve?: string;
  /** false: a server that asks nobody for a certificate (default true). */
  requestCert?: boolean;
}): Promise<RecordingTlsServer> {
  const handshakes: (string | null)[] = [];
  const requests: string[] = [];
  const chunks: Buffer[] = [];
  let ended = 0;
  const waiters = new Set<() => void>();
  const server = https.createServer(
    {
      cert: options.cert,
      key: options.key,
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
      ...(options.ecdhCurve ? { ecdhCurve: options.ecdhCurve } : {}),
      requestCert: options.requestCert ?? true,
      // A collecting server: it wants the certificate, not a valid one.
      rejectUnauthorized: false,
    },
    (request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ success: true, version: '8.0.0' }));
    },
  );
  server.on('secureConnection', (socket: TLSSocket) => handshakes.push(socket.getPeerX509Certificate()?.fingerprint256 ?? null));
  server.on('tlsClientError', () => undefined);
  server.on('connection', (socket: net.Socket) =>
    socket.once('close', () => {
      ended += 1;
      for (const wake of waiters) wake();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverPort = (server.address() as net.AddressInfo).port;

  const open = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    const upstream = net.connect(serverPort, '127.0.0.1');
    client.on('data', (data: Buffer) => chunks.push(Buffer.from(data)));
    client.pipe(upstream);
    upstream.pipe(client);
    // end(), not destroy(): what the client sent still reaches the server.
    client.on('error', () => upstream.end());
    client.on('close', () => upstream.end());
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const port = (relay.address() as net.AddressInfo).port;

  return {
    url: `https://localhost:${port}`,
    received: () => Buffer.concat(chunks),
    handshakes,
    requests,
    connectionsEnded: (count) =>
      new Promise((resolve) => {
        const check = () => {
          if (ended < count) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** How many ClientHello records a client sent before anything else: 2 after a HelloRetryRequest. */
export function clientHellos(bytes: Buffer): number {
  let count = 0;
  for (let at = 0; at + 5 < bytes.length; at += 5 + bytes.readUInt16BE(at + 3)) {
    if (bytes[at] === 20) continue; // ChangeCipherSpec, sent between the two in compatibility mode
    if (bytes[at] !== 22 || bytes[at + 5] !== 1) break;
    count += 1;
  }
  return count;
}
