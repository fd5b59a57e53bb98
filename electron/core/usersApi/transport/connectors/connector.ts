import type net from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';
import type { Clock } from '../../../clock';
import { proxyForUrl, type ProxySettings } from '../proxyEnvironment';
import { openTcp, type Endpoint } from './directSocket';
import { openHttpTunnel } from './httpTunnel';
import { authorityOf, bareHostname, connectTimeout } from './proxyFailure';
import { openSecureChannel, type ServerTrust } from './secureChannel';
import { openSocksTunnel } from './socksTunnel';

export interface ConnectorOptions extends ServerTrust {
  proxy: ProxySettings;
  clock: Clock;
  /** How long setting up a connection may take, tunnel and handshake included (undici's default: 10 s). */
  timeoutMs?: number;
}

/**
 * The connector of nodeFetch's undici Agent: every connection the app opens to a server in a
 * Node process is made here. A raw socket first — direct, or a tunnel through the proxy
 * proxyForUrl names (HTTP CONNECT over http or https, or SOCKS5) — then, for https, TLS from
 * openSecureChannel, which decides about the server's certificate before the socket is handed
 * to undici. undici only speaks HTTP over what this returns; none of its own proxy agents or
 * TLS is used (docs/decisions.md D57).
 */
export function createConnector(options: ConnectorOptions): buildConnector.connector {
  return (request, callback) => {
    connect(request, options).then(
      (socket) => callback(null, socket),
      (error: Error) => callback(error, null),
    );
  };
}

async function connect(request: buildConnector.Options, options: ConnectorOptions): Promise<net.Socket | TLSSocket> {
  const secure = request.protocol === 'https:';
  const port = Number(request.port) || (secure ? 443 : 80);
  const target: Endpoint = { hostname: bareHostname(request.hostname), port };
  const origin = new URL(`${request.protocol}//${request.host ?? authorityOf(target.hostname, port)}`).origin;
  const proxy = proxyForUrl(options.proxy, new URL(origin));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = new AbortController();
  const timer = options.clock.setTimeout(() => deadline.abort(connectTimeout(new URL(origin).host, timeoutMs)), timeoutMs);
  try {
    const raw = proxy ? await openTunnel(proxy, target, deadline.signal) : await openTcp(target, deadline.signal);
    if (!secure) return raw;
    return await openSecureChannel(raw, { origin, hostname: target.hostname }, options, deadline.signal);
  } finally {
    options.clock.clearTimeout(timer);
  }
}

function openTunnel(proxy: URL, target: Endpoint, signal: AbortSignal): Promise<net.Socket> {
  switch (proxy.protocol) {
    case 'http:':
    case 'https:':
      return openHttpTunnel(proxy, target, signal);
    case 'socks5:':
    case 'socks:':
      return openSocksTunnel(proxy, target, signal);
    default:
      // nodeFetch refuses other kinds at start (unusableProxySetting); never go direct instead.
      return Promise.reject(new Error(`Proxies of the kind ${proxy.protocol} are not supported.`));
  }
}
