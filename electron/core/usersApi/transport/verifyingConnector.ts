import type { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';
import { proxyLabel } from './proxyEnvironment';

/** Codes nodeFetch gives the failures only it can tell apart; networkFailureKinds.ts turns them into words. */
export const transportCodes = {
  proxyUnreachable: 'AM_PROXY_UNREACHABLE',
  proxyRefused: 'AM_PROXY_REFUSED',
  proxyAuthRequired: 'AM_PROXY_AUTH_REQUIRED',
} as const;

export interface UnverifiedConnection {
  /** The server's origin (https://host[:port]), the key of its pin. */
  origin: string;
  hostname: string;
  certificate: X509Certificate;
  /** Why Node refused it: OpenSSL's code (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED…) or ERR_TLS_CERT_ALTNAME_INVALID. */
  reason: string;
}

/**
 * Decides about a TLS connection Node could not verify against its trust store: the core's
 * certificate pins (network/certificateTrust.ts). The connector only asks.
 */
export interface TlsJudge {
  /** true lets the connection through; a code says why not (the reason, or the judge's own). */
  judge(connection: UnverifiedConnection): true | { code: string };
}

/**
 * Wraps undici's connector: Node verifies as usual (its store, NODE_EXTRA_CA_CERTS, the name),
 * but the connection is made with verification failures reported instead of thrown, so that
 * a failed one can be judged — accepted only when the judge says so, refused otherwise, and
 * refused too (fail closed) when the socket is not the TLS socket it should be. Through a proxy,
 * a failure of the proxy itself gets its own code, so the app can say "the proxy", not "the server".
 */
export function verifyingConnector(connect: buildConnector.connector, judge: TlsJudge, proxy: URL | null): buildConnector.connector {
  return (options, callback) => {
    connect(options, (error, socket) => {
      if (error) return callback(proxy ? (proxyFailure(error, proxy) ?? error) : error, null);
      if (options.protocol !== 'https:') return callback(null, socket);
      const tls = socket as TLSSocket;
      keepTlsAlert(tls);
      if (tls.authorized === true) return callback(null, socket);
      const reason = String(tls.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      const certificate = typeof tls.getPeerX509Certificate === 'function' ? tls.getPeerX509Certificate() : undefined;
      const port = Number(options.port) || 443;
      const origin = new URL(`https://${options.hostname}${port === 443 ? '' : `:${port}`}`).origin;
      const verdict = certificate ? judge.judge({ origin, hostname: options.hostname, certificate, reason }) : { code: reason };
      if (verdict === true) return callback(null, socket);
      socket.destroy();
      callback(Object.assign(new Error(`The certificate of ${origin} was refused (${verdict.code}).`), { code: verdict.code }), null);
    });
  };
}

/**
 * A server that wants a client certificate says so with a TLS alert after the handshake
 * (TLS 1.3); undici then reports only that the other side closed. The alert is hung on that
 * later error as its cause, so the words can say what the server wanted.
 */
function keepTlsAlert(socket: TLSSocket): void {
  let alert: Error | undefined;
  socket.prependListener('error', (error: Error & { code?: string }) => {
    if (!alert && error.code?.startsWith('ERR_SSL_')) alert = error;
    else if (alert && error !== alert && error.cause === undefined) error.cause = alert;
  });
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** The proxy could not be reached, refused the tunnel, or asks for a sign-in — or null when the failure is not the proxy's. */
function proxyFailure(error: Error, proxy: URL): Error | null {
  const detail = error as Error & { code?: string; port?: number; hostname?: string };
  const proxyPort = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
  const label = proxyLabel(proxy);
  const tunnel = /Proxy response \((\d+)\)/.exec(error.message) ?? /Proxy Authentication Required \((407)\)/.exec(error.message);
  let code: string | null = null;
  if (tunnel) code = tunnel[1] === '407' ? transportCodes.proxyAuthRequired : transportCodes.proxyRefused;
  else if (detail.code && unreachableCodes.has(detail.code) && Number(detail.port) === proxyPort) code = transportCodes.proxyUnreachable;
  else if ((detail.code === 'ENOTFOUND' || detail.code === 'EAI_AGAIN') && detail.hostname === proxy.hostname) {
    code = transportCodes.proxyUnreachable;
  } else if (detail.code === 'UND_ERR_CONNECT_TIMEOUT' && error.message.includes(`${proxy.hostname}:${proxyPort}`)) {
    code = transportCodes.proxyUnreachable;
  }
  if (!code) return null;
  return Object.assign(new Error(`The proxy ${label} failed: ${error.message}`), { code, proxy: label, cause: error });
}
