import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { socketPath } from '../../shared/socketFrames';

export type GateVerdict = { allowed: true } | { allowed: false; status: number; reason: string };

/**
 * Decides whether a WebSocket upgrade may reach the core. Only our own page qualifies:
 * the right path, the Host and Origin of this very server (so neither another local
 * web page nor a DNS-rebinding site can connect), and the per-launch secret. Under
 * `npm run dev` the page comes from the renderer's dev server instead: its origin, and only
 * that one, is taken too (`devOrigin`), the socket reaching us through that server.
 */
export function checkSocketRequest(request: IncomingMessage, origin: string, secret: string, devOrigin?: string): GateVerdict {
  const url = new URL(request.url ?? '/', origin);
  if (url.pathname !== socketPath) {
    return { allowed: false, status: 404, reason: 'unknown path' };
  }
  if (request.headers.host !== new URL(origin).host) {
    return { allowed: false, status: 403, reason: 'wrong host' };
  }
  if (request.headers.origin !== origin && (devOrigin === undefined || request.headers.origin !== devOrigin)) {
    return { allowed: false, status: 403, reason: 'wrong origin' };
  }
  if (!sameSecret(url.searchParams.get('secret') ?? '', secret)) {
    return { allowed: false, status: 401, reason: 'wrong secret' };
  }
  return { allowed: true };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The dev server's origin as the host takes it: plain http on 127.0.0.1 with a port, nothing
 * else (no other host, no path). Anything else is a mistake, and stops the start.
 */
export function devOriginOf(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || url.protocol !== 'http:' || url.hostname !== '127.0.0.1' || url.port === '' || url.origin !== value) {
    throw new Error(`The dev server's origin must be http://127.0.0.1:<port>, not ${value}.`);
  }
  return value;
}
