import type { ModuleContext } from '../moduleContext';
import { createNodeFetch, type NodeFetch, type NodeNetworkSettings } from '../usersApi/transport/nodeFetch';
import { proxyForUrl, readProxyEnvironment } from '../usersApi/transport/proxyEnvironment';
import type { Vault } from '../vault/vault';
import { CertificatePins } from './certificatePins';
import { CertificateTrust } from './certificateTrust';
import { ClientCertificateChoices } from './clientCertificateChoices';
import { ClientCertificatePicker } from './clientCertificatePicker';
import { environmentProxyLookup, systemProxyLookup, type ProxyLookup } from './networkInfo';
import { NetworkPrompts } from './networkPrompts';
import { ProxyCredentials, type ProxyChallenge } from './proxyCredentials';

/** What the desktop shell asks the core about Chromium's network: the core decides, the shell only asks. */
export interface NetworkQuestions {
  /** The verify proc: true accepts a certificate Chromium refused (the person trusted it for this server). */
  judgeChromiumCertificate(request: { hostname: string; pem: string; verificationResult: string }): boolean;
  /** A proxy asks for a sign-in: the keychain's, or the person's answer; null cancels. */
  proxyCredentials(challenge: ProxyChallenge): Promise<{ username: string; password: string } | null>;
  /** A server asks for a client certificate: the index of the one to present, or null for none. */
  chooseClientCertificate(url: string, certificates: string[]): Promise<number | null>;
  /** After the person trusts or revokes a certificate: verdicts cached for the old decision must go. */
  onCertificatesChanged(listener: () => void): void;
}

/** The desktop shell's network, built from the core's answers (D42): Chromium's fetch and its proxy lookup. */
export interface ShellNetwork {
  fetch: typeof fetch;
  /** The system's proxy for an address, as Chromium's session.resolveProxy answers ("PROXY host:port; DIRECT"). */
  resolveProxy(url: string): Promise<string>;
}

export type ShellNetworkFactory = (questions: NetworkQuestions) => ShellNetwork;

export interface TransportDeps {
  vault: Vault;
  /** The environment the proxy lookup reads when the fetch is nodeFetch or a test's. */
  env: NodeJS.ProcessEnv;
  /** The desktop shell's network, given the core's answers to Chromium's questions. */
  shell?: ShellNetworkFactory;
  /** A fetch that needs none of the core's decisions (tests, tools). */
  fetch?: typeof fetch;
  /** Without either: nodeFetch, on the settings read from the environment before the database opened. */
  nodeNetwork: NodeNetworkSettings | null;
}

export type Transport = ReturnType<typeof createTransport>;

/**
 * How the core's requests reach servers (docs/architecture.md "The network belongs to the
 * shell"): the fetch — the shell's, or nodeFetch — and the decisions it asks the core for:
 * certificates, proxy sign-ins, client certificates, and the questions put to the person.
 * Built before every module, which all send their requests through it.
 */
export function createTransport(context: ModuleContext, deps: TransportDeps) {
  const { db, clock, events, log, disposables } = context;
  const prompts = new NetworkPrompts(events, clock);
  disposables.add(() => prompts.close());
  const trust = new CertificateTrust({ pins: new CertificatePins(db), clock, events });
  const proxyCredentials = new ProxyCredentials({ vault: deps.vault, prompts, log: log.child('network') });
  const clientCertificates = new ClientCertificatePicker({ choices: new ClientCertificateChoices(db), prompts, clock });

  const shell = deps.shell?.({
    judgeChromiumCertificate: (request) => trust.judgeChromium(request),
    proxyCredentials: (challenge) => proxyCredentials.forChallenge(challenge),
    chooseClientCertificate: (url, certificates) => clientCertificates.choose(url, certificates),
    onCertificatesChanged: (listener) => void disposables.add(events.on('certificates.changed', () => listener())),
  });
  let nodeFetch: NodeFetch | null = null;
  if (!shell && !deps.fetch) {
    const made = createNodeFetch({ settings: deps.nodeNetwork ?? undefined, env: deps.env, judge: trust, clock });
    // Closing is synchronous for the core; the sockets finish closing on their own.
    disposables.add(() => void made.close().catch(() => undefined));
    // Connections kept alive were judged under the old decision: the next request is judged again.
    disposables.add(events.on('certificates.changed', () => made.resetConnections()));
    nodeFetch = made;
  }
  const proxyEnvironment = readProxyEnvironment(deps.env);
  const proxies: ProxyLookup = shell
    ? systemProxyLookup((url) => shell.resolveProxy(url))
    : environmentProxyLookup((url) => proxyForUrl(proxyEnvironment, new URL(url)));

  return {
    fetch: shell?.fetch ?? deps.fetch ?? nodeFetch!.fetch,
    trust,
    prompts,
    proxies,
    /** The client certificate a server is shown: the one set for nodeFetch, else the one chosen for it. */
    clientCertificateFor: (url: string) => nodeFetch?.clientCertificate?.details.subject ?? clientCertificates.chosenFor(url),
  };
}
