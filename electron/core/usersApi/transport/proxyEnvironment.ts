/**
 * The proxy a Node process uses, from its environment: HTTPS_PROXY for https addresses,
 * HTTP_PROXY for http, NO_PROXY for the exceptions (lower-case names first, as curl and
 * undici read them; the NO_PROXY rules are undici's EnvHttpProxyAgent's). nodeFetch's
 * connector asks proxyForUrl for every connection, and the About screen asks the same
 * function, so it names the proxy the requests really take (docs/architecture.md "The network
 * belongs to the shell").
 */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy: string;
}

/** The kinds of proxy nodeFetch can go through: an HTTP proxy (CONNECT), spoken to in http or https, or SOCKS5. */
export const proxySchemes = ['http:', 'https:', 'socks5:', 'socks:'] as const;

const pick = (env: NodeJS.ProcessEnv, name: string) => (env[name.toLowerCase()] ?? env[name.toUpperCase()])?.trim() || undefined;

export function readProxyEnvironment(env: NodeJS.ProcessEnv): ProxySettings {
  const httpProxy = pick(env, 'http_proxy');
  // Like undici: https falls back to the http proxy when only HTTP_PROXY is set.
  const httpsProxy = pick(env, 'https_proxy') ?? httpProxy;
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), noProxy: pick(env, 'no_proxy') ?? '' };
}

/**
 * A sentence saying why a proxy variable cannot be used, or null when all can: nodeFetch stops
 * the start with it rather than going direct or failing every request later. The value itself
 * is never repeated (it may hold a password).
 */
export function unusableProxySetting(env: NodeJS.ProcessEnv): string | null {
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY']) {
    const value = pick(env, name);
    if (value === undefined) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `${name} is not an address: write it as http://proxy.example:3128 (or https://, socks5://).`;
    }
    if (!(proxySchemes as readonly string[]).includes(url.protocol)) {
      // "proxy.corp:3128" parses with "proxy.corp:" as its scheme: the advice covers that too.
      return `${name} does not start with a kind of proxy the app can use ("${url.protocol}"): write it as http://proxy.example:3128, or with https:// or socks5://.`;
    }
    if (!url.hostname) return `${name} names no proxy server: write it as http://proxy.example:3128.`;
  }
  return null;
}

/** The proxy a request to `url` goes through, or null for a direct connection. */
export function proxyForUrl(settings: ProxySettings, url: URL): URL | null {
  const proxy = url.protocol === 'https:' ? settings.httpsProxy : url.protocol === 'http:' ? settings.httpProxy : undefined;
  if (!proxy || isExcepted(settings.noProxy, url)) return null;
  try {
    return new URL(proxy);
  } catch {
    return null; // nodeFetch refuses such a value at start (unusableProxySetting)
  }
}

/** A proxy address fit to show or log: never its user name or password. */
export function proxyLabel(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

/** The proxy's port: the URL's, else its scheme's usual one. */
export function proxyPort(proxy: URL): number {
  return Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : proxy.protocol === 'http:' ? 80 : 1080);
}

// undici's EnvHttpProxyAgent: entries split on commas and spaces; "*" alone means never;
// a leading "." or "*." is dropped; an entry matches its host and every subdomain; an
// entry with a port matches that port only.
function isExcepted(noProxy: string, url: URL): boolean {
  if (noProxy.trim() === '*') return true;
  const hostname = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(url.port, 10) || (url.protocol === 'https:' ? 443 : 80);
  for (const raw of noProxy.split(/[,\s]/)) {
    if (!raw) continue;
    const withPort = /^(.+):(\d+)$/.exec(raw);
    const entryHost = (withPort ? withPort[1]! : raw).replace(/^\*?\./, '').toLowerCase();
    const entryPort = withPort ? Number.parseInt(withPort[2]!, 10) : 0;
    if (entryPort && entryPort !== port) continue;
    if (hostname === entryHost || hostname.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}
