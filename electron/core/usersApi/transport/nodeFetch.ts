import type * as UndiciModule from 'undici';
import type { Dispatcher } from 'undici';
import { systemClock, type Clock } from '../../clock';
import type * as ConnectorModule from './connectors/connector';
import { readClientCertificate, type ClientCertificate } from './clientCertificate';
import { proxyForUrl, readProxyEnvironment, unusableProxySetting, type ProxySettings } from './proxyEnvironment';
import type { TlsJudge } from './tlsJudge';

export interface NodeFetchOptions {
  /** HTTPS_PROXY, HTTP_PROXY, NO_PROXY, AM_CLIENT_CERT, AM_CLIENT_KEY (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** The environment's settings read beforehand (readNodeNetwork); read from `env` when absent. */
  settings?: NodeNetworkSettings;
  /** Decides about certificates Node's own verification refused (the core's pins). */
  judge: TlsJudge;
  /** Whose time the connect timeout is measured in (default: the system's). */
  clock?: Clock;
}

/** What a Node process's network is set to: the proxy and the client certificate of its environment. */
export interface NodeNetworkSettings {
  proxy: ProxySettings;
  clientCertificate: ClientCertificate | null;
}

/** Reads the environment's network settings; throws, in words, when one of them cannot be used. */
export function readNodeNetwork(env: NodeJS.ProcessEnv): NodeNetworkSettings {
  const unusable = unusableProxySetting(env);
  if (unusable) throw new Error(unusable);
  return { proxy: readProxyEnvironment(env), clientCertificate: readClientCertificate(env) };
}

export interface NodeFetch {
  fetch: typeof fetch;
  proxy: ProxySettings;
  /** The proxy a request to this address takes (http:, https:, socks5: or socks:), or null for a direct connection. */
  proxyFor(url: string): URL | null;
  clientCertificate: ClientCertificate | null;
  /** Drops kept-alive connections, so the next request is judged again (after a pin is revoked). */
  resetConnections(): void;
  close(): Promise<void>;
}

/**
 * The fetch of every Node process (browser host, tests, tools): undici's own fetch over an
 * Agent whose every connection our connector makes (connectors/connector.ts) — direct or
 * through the proxy of the environment (HTTP CONNECT over http or https, or SOCKS5), TLS with
 * Node's trust store plus NODE_EXTRA_CA_CERTS (read by Node at process start), the client
 * certificate of AM_CLIENT_CERT/AM_CLIENT_KEY, and certificates Node cannot verify handed to the
 * judge. Node 20's built-in fetch is undici 6 and takes no dispatcher of this package, hence
 * undici's fetch (docs/decisions.md D43, D57). The Electron shell passes Chromium's net.fetch instead.
 */
export function createNodeFetch(options: NodeFetchOptions): NodeFetch {
  const { proxy, clientCertificate } = options.settings ?? readNodeNetwork(options.env ?? process.env);
  const clock = options.clock ?? systemClock;
  const build = async (): Promise<Dispatcher> => {
    const [{ Agent }, { createConnector }] = await Promise.all([loadUndici(), loadConnector()]);
    return new Agent({ connect: createConnector({ proxy, judge: options.judge, clientCertificate, clock }) });
  };
  // Made at the first request: a core that never sends one (offline, or handed net.fetch) loads neither undici nor the connector.
  let dispatcher: Promise<Dispatcher> | null = null;
  const current = () => (dispatcher ??= build());

  return {
    fetch: (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const undici = await loadUndici();
      return undici.fetch(input as UndiciFetchInput, {
        ...(init as UndiciFetchInit),
        body: portableBody(undici, init?.body),
        dispatcher: await current(),
      });
    }) as unknown as typeof fetch,
    proxy,
    proxyFor: (url) => proxyForUrl(proxy, new URL(url)),
    clientCertificate,
    resetConnections() {
      const old = dispatcher;
      dispatcher = null;
      // New requests already use a new dispatcher; the old one's sockets close in their own time.
      void old?.then((agent) => agent.close()).catch(() => undefined);
    },
    close: async () => {
      await (await dispatcher)?.close();
    },
  };
}

type Undici = typeof UndiciModule;
type UndiciFetchInput = Parameters<Undici['fetch']>[0];
type UndiciFetchInit = NonNullable<Parameters<Undici['fetch']>[1]>;

/** undici is a large module (about 60 ms to load): loaded once, on the first request. */
let undiciModule: Promise<Undici> | null = null;
const loadUndici = () => (undiciModule ??= import('undici'));
/** The connector needs node:tls, node:http(s) and socks, none of which an offline start loads (D51, D52). */
let connectorModule: Promise<typeof ConnectorModule> | null = null;
const loadConnector = () => (connectorModule ??= import('./connectors/connector'));

type UndiciBody = UndiciFetchInit['body'];

/**
 * Node's global FormData belongs to its bundled undici 6, which this undici does not
 * recognise (it would send "[object FormData]" as text): the fields are copied over.
 */
function portableBody({ FormData: UndiciFormData }: Undici, body: RequestInit['body']): UndiciBody {
  if (!(body instanceof globalThis.FormData)) return body as UndiciBody;
  const form = new UndiciFormData();
  for (const [name, value] of body) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, value.name);
  }
  return form;
}
