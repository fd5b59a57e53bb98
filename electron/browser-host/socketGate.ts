import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { socketPath } from '../../shared/socketFrames';

export type GateVerdict = { allowed: true } | { allowed: false; status: number; reason: string };

/**
 * Decides whether a WebSocket upgrade may reach the core. Only our own page qualifies:
 * the right path, the Host and Origin of this very server (so neither another local
 * web page nor a DNS-rebinding site can connect), and the per-launch secret.
 */
export function checkSocketRequest(request: IncomingMessage, origin: string, secret: string): GateVerdict {
  const url = new URL(request.url ?? '/', origin);
  if (url.pathname !== socketPath) {
    return { allowed: false, status: 404, reason: 'unknown path' };
  }
  if (request.headers.host !== new URL(origin).host) {
    return { allowed: false, status: 403, reason: 'wrong host' };
  }
  if (request.headers.origin !== origin) {
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
