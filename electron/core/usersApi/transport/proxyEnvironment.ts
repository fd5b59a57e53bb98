/**
 * The proxy a Node process uses, from its environment: HTTPS_PROXY for https addresses,
 * HTTP_PROXY for http, NO_PROXY for the exceptions (lower-case names first, as curl and
 * undici read them). nodeFetch hands these exact values to undici's EnvHttpProxyAgent, and
 * proxyForUrl repeats that agent's NO_PROXY rules, so the About screen names the proxy the
 * requests really take (docs/architecture.md "The network belongs to the shell").
 */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy: string;
}

export function readProxyEnvironment(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (name: string) => (env[name.toLowerCase()] ?? env[name.toUpperCase()])?.trim() || undefined;
  const httpProxy = pick('http_proxy');
  // Like undici: https falls back to the http proxy when only HTTP_PROXY is set.
  const httpsProxy = pick('https_proxy') ?? httpProxy;
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), noProxy: pick('no_proxy') ?? '' };
}

/** The proxy a request to `url` goes through, or null for a direct connection. */
export function proxyForUrl(settings: ProxySettings, url: URL): URL | null {
  const proxy = url.protocol === 'https:' ? settings.httpsProxy : url.protocol === 'http:' ? settings.httpProxy : undefined;
  if (!proxy || isExcepted(settings.noProxy, url)) return null;
  try {
    return new URL(proxy);
  } catch {
    return null; // undici refuses such a value at start; nodeFetch reports it there
  }
}

/** A proxy address fit to show or log: never its user name or password. */
export function proxyLabel(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
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
