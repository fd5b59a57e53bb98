import type { ServerSummary } from '../../../shared/accountSchemas';
import type { NetworkInfo } from '../../../shared/networkSchemas';
import type { CertificateTrust } from './certificateTrust';
import { describePacResult, describeProxyUrl } from './proxyDescription';

export interface ProxyLookup {
  source: NetworkInfo['proxySource'];
  /** The proxy requests to this address take, in words. */
  describe(url: string): Promise<string>;
}

/** The desktop shell's `session.resolveProxy` (the system's settings, PAC and WPAD included). */
export function systemProxyLookup(resolveProxy: (url: string) => Promise<string>): ProxyLookup {
  return {
    source: 'system',
    describe: (url) => resolveProxy(url).then(describePacResult, () => 'Unknown: the system did not say'),
  };
}

/** A Node process's environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as nodeFetch applies it. */
export function environmentProxyLookup(proxyFor: (url: string) => URL | null): ProxyLookup {
  return {
    source: 'environment',
    describe: async (url) => {
      const proxy = proxyFor(url);
      return proxy ? describeProxyUrl(proxy) : 'Direct connection (no proxy)';
    },
  };
}

/** Which network each server is reached through, for the About screen. */
export async function networkInfo(deps: {
  servers: ServerSummary[];
  proxies: ProxyLookup;
  trust: CertificateTrust;
  clientCertificateFor(url: string): string | null;
}): Promise<NetworkInfo> {
  const servers = await Promise.all(
    deps.servers.map(async (server) => ({
      serverId: server.id,
      name: server.name,
      url: server.url,
      proxy: await deps.proxies.describe(server.url),
      pinned: deps.trust.pinFor(server.url),
      clientCertificate: server.url.startsWith('https:') ? deps.clientCertificateFor(server.url) : null,
    })),
  );
  return { proxySource: deps.proxies.source, servers };
}
