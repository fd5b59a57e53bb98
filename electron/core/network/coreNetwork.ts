import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock';
import type { CoreEvents } from '../coreEvents';
import type { Logger } from '../log/logger';
import { fetchServerInfo } from '../usersApi/authApi';
import type { NodeFetch } from '../usersApi/transport/nodeFetch';
import { proxyForUrl, readProxyEnvironment } from '../usersApi/transport/proxyEnvironment';
import { UsersApiClient } from '../usersApi/usersApiClient';
import type { Vault } from '../vault/vault';
import { CertificatePins } from './certificatePins';
import { CertificateTrust } from './certificateTrust';
import { ClientCertificateChoices } from './clientCertificateChoices';
import { ClientCertificatePicker } from './clientCertificatePicker';
import { environmentProxyLookup, systemProxyLookup, type ProxyLookup } from './networkInfo';
import { NetworkPrompts } from './networkPrompts';
import { ProxyCredentials } from './proxyCredentials';

export interface CoreNetworkDeps {
  db: Database;
  /** How requests reach servers: the shell's, or nodeFetch (then also given as `nodeFetch`). */
  fetch: typeof fetch;
  nodeFetch: NodeFetch | null;
  /** The shell's system proxy lookup; without it the proxy comes from the environment. */
  resolveProxy?: (url: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  vault: Vault;
  clock: Clock;
  events: CoreEvents;
  log: Logger;
  requestTimeoutMs?: number;
  /** Aborted when the core closes. */
  signal: AbortSignal;
}

export interface CoreNetwork {
  trust: CertificateTrust;
  prompts: NetworkPrompts;
  proxyCredentials: ProxyCredentials;
  clientCertificates: ClientCertificatePicker;
  proxies: ProxyLookup;
  /** The client certificate a server is shown: the one set for nodeFetch, else the one chosen for it. */
  clientCertificateFor(url: string): string | null;
}

/** The corporate network's parts of the core: certificate decisions, proxy sign-ins, client certificates. */
export function createCoreNetwork(deps: CoreNetworkDeps): CoreNetwork {
  const trust = new CertificateTrust({
    pins: new CertificatePins(deps.db),
    clock: deps.clock,
    events: deps.events,
    probe: async (url) => {
      await fetchServerInfo(
        new UsersApiClient({ baseUrl: url, fetch: deps.fetch, clock: deps.clock, timeoutMs: deps.requestTimeoutMs, signal: deps.signal }),
      );
    },
    onChange: () => deps.nodeFetch?.resetConnections(),
  });
  const prompts = new NetworkPrompts(deps.events, deps.clock);
  const clientCertificates = new ClientCertificatePicker({ choices: new ClientCertificateChoices(deps.db), prompts, clock: deps.clock });
  const proxyEnvironment = readProxyEnvironment(deps.env);
  return {
    trust,
    prompts,
    proxyCredentials: new ProxyCredentials({ vault: deps.vault, prompts, log: deps.log }),
    clientCertificates,
    proxies: deps.resolveProxy
      ? systemProxyLookup(deps.resolveProxy)
      : environmentProxyLookup((url) => proxyForUrl(proxyEnvironment, new URL(url))),
    clientCertificateFor: (url) => deps.nodeFetch?.clientCertificate?.details.subject ?? clientCertificates.chosenFor(url),
  };
}
