/**
 * A proxy of the environment (HTTPS_PROXY and the like, nodeFetch's), in the words of the
 * PAC entries below: the kind of proxy and its address, never its sign-in.
 */
export function describeProxyUrl(proxy: URL): string {
  switch (proxy.protocol) {
    case 'socks5:':
    case 'socks:':
      return `SOCKS 5 proxy ${proxy.host}`; // nodeFetch speaks SOCKS5 for both schemes, as undici read them
    case 'https:':
      return `Proxy ${proxy.host} (over https)`;
    default:
      return `Proxy ${proxy.host}`;
  }
}

/**
 * The proxy a request takes, in words for the About screen. Chromium answers
 * `session.resolveProxy` in PAC terms ("PROXY proxy.corp:3128; DIRECT"); the first entry is
 * what is tried, the rest are fallbacks.
 */
export function describePacResult(result: string): string {
  const entries = result
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const [first, ...fallbacks] = entries.length > 0 ? entries : ['DIRECT'];
  const words = (entry: string): string => {
    const [kind = '', address = ''] = entry.split(/\s+/);
    switch (kind.toUpperCase()) {
      case 'DIRECT':
        return 'Direct connection (no proxy)';
      case 'PROXY':
        return `Proxy ${address}`;
      case 'HTTPS':
        return `Proxy ${address} (over https)`;
      // Chromium reads a bare SOCKS as version 4 (net/base/proxy_string_util.cc, GetSchemeFromPacTypeInternal).
      case 'SOCKS':
      case 'SOCKS4':
        return `SOCKS 4 proxy ${address}`;
      case 'SOCKS5':
        return `SOCKS 5 proxy ${address}`;
      case 'QUIC':
        return `Proxy ${address} (over QUIC)`;
      default:
        return entry;
    }
  };
  return fallbacks.length > 0 ? `${words(first!)}; if it fails: ${fallbacks.map(words).join('; ')}` : words(first!);
}
