import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';

export interface ConnectProxy {
  /** http://127.0.0.1:<port> (https://localhost:<port> with `tls`) */
  url: string;
  port: number;
  /** Every CONNECT target asked for (host:port), in order: the proxy's log. */
  connects: string[];
  /** How many requests were answered 407 (no or wrong sign-in). */
  refusedSignIns: number;
  close(): Promise<void>;
}

/**
 * A real HTTP proxy on 127.0.0.1 (the `proxy` package): CONNECT tunnels for https and plain
 * forwarding for http. With `credentials` it answers 407 to anyone who does not send them.
 * With `tls` (a certificate for localhost, tests/support/testCertificates) it is spoken to
 * over https, as an https:// proxy.
 */
export async function startConnectProxy(
  options: { credentials?: { username: string; password: string }; port?: number; tls?: { cert: string; key: string } } = {},
): Promise<ConnectProxy> {
  const server = createProxy(options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }) : http.createServer());
  const connects: string[] = [];
  server.on('connect', (request: http.IncomingMessage) => connects.push(request.url ?? ''));
  const { credentials } = options;
  if (credentials) {
    const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    server.authenticate = (request) => {
      const accepted = request.headers['proxy-authorization'] === expected;
      if (!accepted) running.refusedSignIns += 1;
      return accepted;
    };
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const running: ConnectProxy = {
    url: options.tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`,
    port,
    connects,
    refusedSignIns: 0,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return running;
}

/** A port on 127.0.0.1 where nothing listens (a proxy that is down). */
export async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
