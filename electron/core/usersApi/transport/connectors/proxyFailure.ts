import { proxyLabel } from '../proxyEnvironment';
import type { TransportCode } from '../transportCodes';

/**
 * A failure of the proxy itself — down, refusing the tunnel, asking a sign-in, showing a
 * certificate nobody here trusts — with the code networkFailureKinds.ts turns into words about
 * the proxy, not the server, and the proxy's address without its sign-in.
 */
export function proxyFailure(code: TransportCode, proxy: URL, what: string, cause?: unknown): Error & { code: string; proxy: string } {
  const label = proxyLabel(proxy);
  const error = new Error(`The proxy ${label} ${what}`, cause === undefined ? undefined : { cause });
  return Object.assign(error, { code, proxy: label });
}

/** A connection that could not be set up before its deadline: the words of a connect timeout. */
export function connectTimeout(host: string, timeoutMs: number): Error & { code: string } {
  return Object.assign(new Error(`The connection to ${host} could not be set up within ${timeoutMs / 1000} s.`), { code: 'ETIMEDOUT' });
}

/** A host name as sockets take it: an IPv6 address without its URL brackets. */
export function bareHostname(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** host:port as a CONNECT request and a log name it: an IPv6 address in brackets. */
export function authorityOf(hostname: string, port: number): string {
  return `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
}
