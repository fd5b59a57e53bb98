import type * as UndiciModule from 'undici';
import type { buildConnector, Dispatcher, Pool } from 'undici';
import { readClientCertificate, type ClientCertificate } from './clientCertificate';
import { proxyForUrl, readProxyEnvironment, type ProxySettings } from './proxyEnvironment';
import { verifyingConnector, type TlsJudge } from './verifyingConnector';

export interface NodeFetchOptions {
  /** HTTPS_PROXY, HTTP_PROXY, NO_PROXY, AM_CLIENT_CERT, AM_CLIENT_KEY (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Decides about certificates Node's own verification refused (the core's pins). */
  judge: TlsJudge;
}

export interface NodeFetch {
  fetch: typeof fetch;
  proxy: ProxySettings;
  /** The proxy a request to this address takes, or null for a direct connection. */
  proxyFor(url: string): URL | null;
  clientCertificate: ClientCertificate | null;
  /** Drops kept-alive connections, so the next request is judged again (after a pin is revoked). */
  resetConnections(): void;
  close(): Promise<void>;
}

/**
 * The fetch of every Node process (browser host, tests, tools): undici's own fetch with an
 * EnvHttpProxyAgent — the proxy from the environment (CONNECT tunnels for https), Node's
 * trust store plus NODE_EXTRA_CA_CERTS (read by Node at process start), the client certificate
 * of AM_CLIENT_CERT/AM_CLIENT_KEY, and certificates Node cannot verify handed to the judge.
 * Node 20's built-in fetch is undici 6 and takes no dispatcher of this package, hence undici's
 * fetch (docs/decisions.md D43). The Electron shell passes Chromium's net.fetch instead.
 */
export function createNodeFetch(options: NodeFetchOptions): NodeFetch {
  const env = options.env ?? process.env;
  const proxy = readProxyEnvironment(env);
  const clientCertificate = readClientCertificate(env);
  // Verification failures are reported, not thrown: verifyingConnector decides and refuses.
  // No TLS session reuse, so every connection shows its certificate to the judge.
  const tls = {
    rejectUnauthorized: false,
    maxCachedSessions: 0,
    ...(clientCertificate ? { cert: clientCertificate.cert, key: clientCertificate.key } : {}),
  };
  // Every pool, direct or through the proxy's tunnel, is made here and gets the verifying
  // connector. A pool of a ProxyAgent receives the tunnel as a function; a direct one, options.
  const factoryOf =
    ({ buildConnector, Pool }: Undici) =>
    (origin: string | URL, poolOptions: Pool.Options): Dispatcher => {
      const url = new URL(String(origin));
      const tunnelled = typeof poolOptions.connect === 'function';
      const connect = tunnelled
        ? (poolOptions.connect as buildConnector.connector)
        : buildConnector({ ...(poolOptions.connect as buildConnector.BuildOptions) });
      return new Pool(origin, {
        ...poolOptions,
        connect: verifyingConnector(connect, options.judge, tunnelled ? proxyForUrl(proxy, url) : null),
      });
    };
  const build = (undici: Undici) =>
    new undici.EnvHttpProxyAgent({
      // Empty strings, not undefined: undici would read process.env again, and tests pass their own env.
      httpProxy: proxy.httpProxy ?? '',
      httpsProxy: proxy.httpsProxy ?? '',
      noProxy: proxy.noProxy,
      connect: tls,
      requestTls: tls,
      factory: factoryOf(undici),
    });
  // Made at the first request: a core that never sends one (offline, or handed net.fetch) never loads undici.
  let dispatcher: Promise<Dispatcher> | null = null;
  const current = () => (dispatcher ??= loadUndici().then(build));

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
