import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { networkFailureKind } from '../../networkFailure';
import { proxyPort } from '../proxyEnvironment';
import { transportCodes } from '../transportCodes';
import type { Endpoint } from './directSocket';
import { authorityOf, bareHostname, proxyFailure } from './proxyFailure';

/**
 * A tunnel through an HTTP proxy: `CONNECT host:port`, with the sign-in of the proxy address
 * (Basic). An https:// proxy is spoken to over TLS verified strictly — Node's trust store and
 * the proxy's name, whatever the environment says; a pin is for a server, never a
 * proxy, and no client certificate is shown to it. Every failure here is the proxy's.
 */
export function openHttpTunnel(proxy: URL, target: Endpoint, signal: AbortSignal): Promise<net.Socket> {
  const host = bareHostname(proxy.hostname);
  const authority = authorityOf(target.hostname, target.port);
  if (signal.aborted) {
    return Promise.reject(
      proxyFailure(transportCodes.proxyUnreachable, proxy, `did not open a tunnel to ${authority} in time.`, signal.reason),
    );
  }
  const headers: Record<string, string> = { host: authority };
  if (proxy.username || proxy.password) {
    const signIn = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(signIn).toString('base64')}`;
  }
  const options = { host, port: proxyPort(proxy), method: 'CONNECT', path: authority, headers, agent: false as const };
  const request =
    proxy.protocol === 'https:'
      ? https.request({ ...options, ...(net.isIP(host) ? {} : { servername: host }), rejectUnauthorized: true })
      : http.request(options);

  return new Promise((resolve, reject) => {
    const settle = () => signal.removeEventListener('abort', onAbort);
    const onAbort = () => {
      settle();
      request.destroy();
      reject(proxyFailure(transportCodes.proxyUnreachable, proxy, `did not open a tunnel to ${authority} in time.`, signal.reason));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    // Node hands over the socket on any answer to CONNECT; only 200 is a tunnel.
    request.once('connect', (response: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      settle();
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        socket.destroy();
        const code = status === 407 ? transportCodes.proxyAuthRequired : transportCodes.proxyRefused;
        return reject(proxyFailure(code, proxy, `answered ${status} to CONNECT ${authority}.`));
      }
      if (head.length > 0) socket.unshift(head);
      socket.setNoDelay(true).setKeepAlive(true, 60_000);
      resolve(socket);
    });
    request.once('error', (error: Error & { code?: string }) => {
      settle();
      if (signal.aborted) return;
      const untrusted = proxy.protocol === 'https:' && networkFailureKind(error.code, false) === 'certificate';
      const code = untrusted ? transportCodes.proxyUntrusted : transportCodes.proxyUnreachable;
      reject(
        proxyFailure(
          code,
          proxy,
          untrusted ? `showed a certificate that is not trusted (${error.code}).` : `failed: ${error.message}`,
          error,
        ),
      );
    });
    request.end();
  });
}
