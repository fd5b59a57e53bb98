import net from 'node:net';

export interface Endpoint {
  /** A name or an address (IPv6 without brackets). */
  hostname: string;
  port: number;
}

/**
 * A plain TCP connection — to the server itself, or to a SOCKS proxy. Options as undici's own
 * connector sets them (no Nagle delay, TCP keep-alive after a minute). The signal ends the
 * attempt (the connector's deadline) with its reason.
 */
export function openTcp(endpoint: Endpoint, signal: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const socket = net.connect({
      host: endpoint.hostname,
      port: endpoint.port,
      noDelay: true,
      keepAlive: true,
      keepAliveInitialDelay: 60_000,
    });
    const settle = () => {
      signal.removeEventListener('abort', onAbort);
      socket.off('error', onError);
    };
    const onAbort = () => {
      settle();
      socket.destroy();
      reject(signal.reason);
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once('connect', () => {
      settle();
      resolve(socket);
    });
  });
}
