import type net from 'node:net';
import { SocksClient } from 'socks';
import { proxyPort } from '../proxyEnvironment';
import { transportCodes, type TransportCode } from '../transportCodes';
import { openTcp, type Endpoint } from './directSocket';
import { authorityOf, bareHostname, proxyFailure } from './proxyFailure';

/**
 * A tunnel through a SOCKS5 proxy (socks5:// or socks://), with the user name and password of
 * the proxy address (RFC 1929). The server's name goes to the proxy as it is, so the proxy
 * resolves it (as curl's socks5h). Every failure here is the proxy's.
 */
export async function openSocksTunnel(proxy: URL, target: Endpoint, signal: AbortSignal): Promise<net.Socket> {
  const endpoint = { hostname: bareHostname(proxy.hostname), port: proxyPort(proxy) };
  const authority = authorityOf(target.hostname, target.port);
  let socket: net.Socket;
  try {
    socket = await openTcp(endpoint, signal);
  } catch (error) {
    throw proxyFailure(transportCodes.proxyUnreachable, proxy, `cannot be reached: ${(error as Error).message}`, error);
  }
  const onAbort = () => socket.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const established = await SocksClient.createConnection({
      command: 'connect',
      proxy: {
        host: endpoint.hostname,
        port: endpoint.port,
        type: 5,
        ...(proxy.username || proxy.password
          ? { userId: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) }
          : {}),
      },
      destination: { host: target.hostname, port: target.port },
      existing_socket: socket,
    });
    return established.socket;
  } catch (error) {
    socket.destroy();
    if (signal.aborted)
      throw proxyFailure(transportCodes.proxyUnreachable, proxy, `did not open a tunnel to ${authority} in time.`, signal.reason);
    const message = (error as Error).message;
    throw proxyFailure(socksFailureCode(message), proxy, `failed to open a tunnel to ${authority}: ${message}`, error);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The socks package says what went wrong only in its message (constants.ts ERRORS). */
function socksFailureCode(message: string): TransportCode {
  if (/Authentication failed|no accepted authentication type/i.test(message)) return transportCodes.proxyAuthRequired;
  if (/rejected connection/i.test(message)) return transportCodes.proxyRefused;
  return transportCodes.proxyUnreachable;
}
