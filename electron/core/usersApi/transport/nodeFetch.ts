import { buildConnector, EnvHttpProxyAgent, fetch as undiciFetch, FormData as UndiciFormData, Pool, type Dispatcher } from 'undici';
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
  const factory = (origin: string | URL, poolOptions: Pool.Options): Dispatcher => {
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
  const build = () =>
    new EnvHttpProxyAgent({
      // Empty strings, not undefined: undici would read process.env again, and tests pass their own env.
      httpProxy: proxy.httpProxy ?? '',
      httpsProxy: proxy.httpsProxy ?? '',
      noProxy: proxy.noProxy,
      connect: tls,
      requestTls: tls,
      factory,
    });
  let dispatcher = build();

  return {
    fetch: ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      undiciFetch(input as Parameters<typeof undiciFetch>[0], {
        ...(init as Parameters<typeof undiciFetch>[1]),
        body: portableBody(init?.body),
        dispatcher,
      })) as unknown as typeof fetch,
    proxy,
    proxyFor: (url) => proxyForUrl(proxy, new URL(url)),
    clientCertificate,
    resetConnections() {
      const old = dispatcher;
      dispatcher = build();
      void old.close().catch(() => undefined);
    },
    close: () => dispatcher.close(),
  };
}

type UndiciBody = NonNullable<Parameters<typeof undiciFetch>[1]>['body'];

/**
 * Node's global FormData belongs to its bundled undici 6, which this undici does not
 * recognise (it would send "[object FormData]" as text): the fields are copied over.
 */
function portableBody(body: RequestInit['body']): UndiciBody {
  if (!(body instanceof globalThis.FormData)) return body as UndiciBody;
  const form = new UndiciFormData();
  for (const [name, value] of body) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, value.name);
  }
  return form;
}
