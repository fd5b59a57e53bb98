import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { createServer, type Plugin } from 'vite';
import { socketPath } from '../../shared/socketFrames';

export interface DevPage {
  /** http://127.0.0.1:<port>: where the page is served, and the one origin the browser host must also accept. */
  origin: string;
  /** From now on the page's socket (`/ipc`) is carried to the browser host at this origin. */
  forwardSocketsTo(hostOrigin: string): void;
  close(): Promise<void>;
}

/**
 * The renderer served from source by Vite, with hot reload, on 127.0.0.1 only. The page talks
 * to the browser host as the built one does — a WebSocket to `/ipc` on its own origin, with
 * the per-launch secret — and this server carries that socket to the host unchanged: the
 * host still checks the secret and the page's Origin (it accepts this origin only because
 * `npm run dev` told it, D83).
 */
export async function startDevPage({ root, port }: { root: string; port: number }): Promise<DevPage> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // One nonce per start, on every script and style Vite puts in the page (its client, React's refresh preamble).
  const nonce = randomBytes(18).toString('base64');
  const vite = await createServer({
    configFile: false,
    root: path.join(root, 'renderer'),
    plugins: [react(), devContentSecurityPolicy(nonce)],
    html: { cspNonce: nonce },
    appType: 'spa',
    clearScreen: false,
    server: {
      middlewareMode: true,
      hmr: { server },
      // node_modules may be a link to a folder elsewhere; its packages are served from where they really are.
      fs: { allow: [root, fs.realpathSync(path.join(root, 'node_modules'))] },
    },
  });
  server.on('request', vite.middlewares);

  let hostOrigin: string | null = null;
  server.on('upgrade', (request, socket: Socket, head) => {
    // Vite's own hot-reload socket is answered by Vite, on the same server.
    if (new URL(request.url ?? '/', origin).pathname !== socketPath) return;
    if (!hostOrigin) {
      socket.end('HTTP/1.1 503 not ready\r\nConnection: close\r\n\r\n');
      return;
    }
    forwardUpgrade(request, socket, head, hostOrigin);
  });

  return {
    origin,
    forwardSocketsTo: (target) => {
      hostOrigin = target;
    },
    close: async () => {
      await vite.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The page's CSP (renderer/index.html) with this start's nonce added to its scripts and
 * styles: Vite's client and React's refresh preamble are inline. Nothing else is loosened.
 */
function devContentSecurityPolicy(nonce: string): Plugin {
  const widen = (html: string, directive: string) => {
    const from = `${directive} 'self'`;
    if (!html.includes(from)) throw new Error(`renderer/index.html has no "${from}" in its Content-Security-Policy.`);
    return html.replace(from, `${from} 'nonce-${nonce}'`);
  };
  return {
    name: 'account-manager:dev-csp',
    transformIndexHtml: { order: 'pre', handler: (html) => widen(widen(html, 'script-src'), 'style-src') },
  };
}

/**
 * Carries a WebSocket upgrade to the browser host as it came (Origin, secret and all), with
 * only the Host header naming the host; the host's answer, a refusal included, goes back.
 */
function forwardUpgrade(request: http.IncomingMessage, socket: Socket, head: Buffer, hostOrigin: string): void {
  const target = new URL(hostOrigin);
  const upstream = http.request({
    host: target.hostname,
    port: target.port,
    path: request.url,
    method: 'GET',
    headers: { ...request.headers, host: target.host },
  });
  upstream.on('upgrade', (response, hostSocket, hostHead) => {
    const headers = Object.entries(response.headers).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((one) => `${name}: ${one}\r\n`),
    );
    socket.write(`HTTP/1.1 101 ${response.statusMessage ?? 'Switching Protocols'}\r\n${headers.join('')}\r\n`);
    if (hostHead.length > 0) socket.write(hostHead);
    if (head.length > 0) hostSocket.write(head);
    hostSocket.on('error', () => socket.destroy());
    socket.on('close', () => hostSocket.destroy());
    hostSocket.on('close', () => socket.destroy());
    hostSocket.pipe(socket).pipe(hostSocket);
  });
  upstream.on('response', (response) => {
    socket.end(`HTTP/1.1 ${response.statusCode ?? 502} ${response.statusMessage ?? ''}\r\nConnection: close\r\n\r\n`);
    response.resume();
  });
  upstream.on('error', () => socket.end('HTTP/1.1 502 the app is not running\r\nConnection: close\r\n\r\n'));
  socket.on('error', () => upstream.destroy());
  upstream.end();
}
