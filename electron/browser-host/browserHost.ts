import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '../../shared/errors';
import { defaultHostWindows, secretFragmentKey, type HostFrame } from '../../shared/socketFrames';
import { callFrameSchema } from './callFrame';
import { type Core, contentSecurityPolicy } from '../core';
import { checkSocketRequest, devOriginOf } from './socketGate';
import { serveStatic } from './staticFiles';

export interface BrowserHostOptions {
  core: Core;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed secret for tests; a random one per launch otherwise. */
  secret?: string;
  /** Limits against a local process that opens connections and never finishes them (tests shorten them). */
  limits?: Partial<HostLimits>;
  /**
   * `npm run dev` only: the origin (http://127.0.0.1:<port>) of the renderer's dev server,
   * whose page may open the socket too — with the secret, like our own page.
   */
  devOrigin?: string;
}

export interface HostLimits {
  /** Open windows (sockets) at once: a person has a few tabs; more is a runaway or an attack. */
  sockets: number;
  /** TCP connections at once, sockets included. */
  connections: number;
  /** Time for a request's headers to arrive (slow-loris). */
  headersTimeoutMs: number;
  /** Time for a whole request to arrive. */
  requestTimeoutMs: number;
  /** A socket that answers no ping for this long is gone (a closed laptop lid, a dead tab). */
  heartbeatMs: number;
}

const defaultLimits: HostLimits = {
  sockets: defaultHostWindows,
  connections: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  heartbeatMs: 30_000,
};

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
  const devOrigin = options.devOrigin === undefined ? undefined : devOriginOf(options.devOrigin);
  const limits = { ...defaultLimits, ...options.limits };
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // How often Node looks for requests past those times (its default, 30 s, lets them linger).
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  });
  server.maxConnections = limits.connections;
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
    // Node's request handler takes no promise: a file that cannot be read ends the request as a 500.
    void serveStatic(options.rendererDir, request, response, headers).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });
  server.on('upgrade', (request, socket, head) => {
    // A peer that resets mid-handshake is its own problem; unheard, the error would end the host.
    socket.on('error', () => socket.destroy());
    const verdict = checkSocketRequest(request, origin, secret, devOrigin);
    if (!verdict.allowed) {
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.reason}\r\nConnection: close\r\n\r\n`);
      return;
    }
    if (sockets.clients.size >= limits.sockets) {
      socket.end('HTTP/1.1 503 too many windows\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // With noServer, handleUpgrade emits no 'connection': a socket not counted alive here
      // was cut at the first heartbeat, 30 s after the window opened.
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      serveSocket(ws, options.core);
    });
  });

  // Sockets that stop answering pings are dropped, so dead windows do not hold a place.
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const client of sockets.clients) {
      if (!alive.has(client)) client.terminate();
      else {
        alive.delete(client);
        client.ping();
      }
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

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
      clearInterval(heartbeat);
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
  // A protocol error (a frame over the size limit, invalid UTF-8, an unmasked or reserved
  // frame, a bad close code) ends this one socket; the host serves on.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data) => {
    // answer() sends every outcome, a failure included, back on the socket; nothing else waits.
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
