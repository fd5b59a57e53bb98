import type { AccountSummary } from '../../../shared/accountSchemas';
import { AppFailure } from '../../../shared/errors';
import { textLimits } from '../../../shared/limits';
import type { SsoStarted } from '../../../shared/signInSchemas';
import type { Clock, Timer } from '../clock';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import { ApiFailure } from '../usersApi/apiFailure';
import type { AccountsService } from './accountsService';
import type { ServerRow } from './accountRepository';
import { baseUrl, casLoginBody, newCredentialToken, oauthLoginBody, samlLoginBody, startUrl, type SsoService } from './workspaceSignIn';
import { nodeCrypto } from '../nodeBuiltins';

export interface SingleSignOnDeps {
  accounts: AccountsService;
  clock: Clock;
  log: Logger;
}

interface Flow {
  id: string;
  server: ServerRow;
  rootUrl: string;
  service: SsoService;
  credentialToken: string;
  url: string;
  sessionOnly: boolean;
  startedAt: number;
  outcome: Promise<AccountSummary>;
  settle(result: { ok: true; account: AccountSummary } | { ok: false; error: unknown }): void;
  settled: boolean;
  timer?: Timer;
  checking?: Promise<void>;
}

/** How often a CAS sign-in is looked for: the login route shares the server's 10-a-minute limit. */
export const casPollMs = 6_000;
/** How long the browser may take before the app stops waiting. */
const lifetimeMs = 10 * 60_000;

/**
 * Single sign-on in the system browser, where the person's identity-provider password
 * stays (RFC 8252's reasoning): the app opens the provider's page and finishes the sign-in
 * itself, the way each kind allows (docs/sign-in.md): OAuth comes back as a rocketchat://
 * link (handed over by the OS, or pasted), CAS is looked for with the token the app chose,
 * SAML needs the address the browser ends on, pasted. No account exists until the server
 * hands out a session, so cancelling leaves nothing behind.
 */
export class SingleSignOn {
  private readonly flows = new Map<string, Flow>();

  constructor(private readonly deps: SingleSignOnDeps) {}

  async start(serverId: string, serviceId: string, sessionOnly: boolean): Promise<SsoStarted> {
    this.sweep();
    const server = this.deps.accounts.servers.byId(serverId);
    const workspace = await this.deps.accounts.servers.workspace(server);
    const service = workspace.services.get(serviceId);
    if (!service) {
      const named = workspace.options.namedAddress;
      if (named) throw new AppFailure('validation', elsewhere(named, server.origin));
      throw new AppFailure('not-found', 'This workspace no longer offers that way of signing in.');
    }
    const credentialToken = newCredentialToken();
    let settle!: Flow['settle'];
    const outcome = new Promise<AccountSummary>((resolve, reject) => {
      settle = (result) => (result.ok ? resolve(result.account) : reject(result.error));
    });
    outcome.catch(() => undefined); // read by await(); a flow nobody waits for must not be an unhandled rejection
    const flow: Flow = {
      id: nodeCrypto().randomUUID(),
      server,
      rootUrl: workspace.rootUrl,
      service,
      credentialToken,
      url: startUrl(service, workspace.rootUrl, credentialToken),
      sessionOnly,
      startedAt: this.deps.clock.now(),
      outcome,
      settled: false,
      settle: (result) => {
        if (flow.settled) return;
        flow.settled = true;
        this.deps.clock.clearTimeout(flow.timer);
        this.flows.delete(flow.id);
        settle(result);
      },
    };
    this.flows.set(flow.id, flow);
    if (service.kind === 'cas') this.schedule(flow);
    return {
      flowId: flow.id,
      kind: service.kind,
      finish: service.kind === 'oauth' ? 'link' : service.kind === 'cas' ? 'poll' : 'paste',
      url: flow.url,
    };
  }

  /** Settles when the sign-in is finished (however it comes back), cancelled, refused or too late. */
  wait(flowId: string): Promise<AccountSummary> {
    return this.flow(flowId).outcome;
  }

  /**
   * The person pasted what the browser showed (a rocketchat:// link, or the address SAML
   * ends on); without a link: look now (CAS, "I have signed in").
   */
  async complete(flowId: string, link?: string): Promise<AccountSummary> {
    const flow = this.flow(flowId);
    if (link === undefined || link === '') {
      if (flow.service.kind !== 'cas')
        throw new AppFailure('validation', 'Paste the address your browser shows.', {
          fields: { link: 'Paste the address your browser shows.' },
        });
      await this.check(flow);
    } else {
      this.finishWith(flow, link);
    }
    return flow.outcome;
  }

  /**
   * A link the OS handed to the app (rocketchat://auth…): true when it finished one of our
   * sign-ins. Any web page can open such a link, so it never throws, and it ends only the
   * sign-in whose token it carries. A refusal carries none (Rocket.Chat's
   * `_endOfLoginResponse` adds the token only on success): it cannot say whose sign-in it
   * ends, so it ends none; pasted into a sign-in by the person, it ends that one.
   */
  handleAppLink(link: string): boolean {
    try {
      if (typeof link !== 'string' || link.length > textLimits.signInLink) return false;
      const parsed = parseOAuthLink(link);
      if (!parsed?.credentialToken) return false;
      const flow = [...this.flows.values()].find(
        (candidate) => candidate.service.kind === 'oauth' && candidate.credentialToken === parsed.credentialToken,
      );
      if (!flow || !sameBase(flow.rootUrl, parsed.host)) return false;
      if (parsed.error) {
        flow.settle({ ok: false, error: new AppFailure('validation', refusal(parsed.error)) });
        return true;
      }
      if (!parsed.credentialSecret) return false;
      this.login(flow, oauthLoginBody(parsed.credentialToken, parsed.credentialSecret));
      return true;
    } catch (error) {
      logFailure(this.deps.log, 'taking a rocketchat:// link', error);
      return false;
    }
  }

  cancel(flowId: string): void {
    const flow = this.flows.get(flowId);
    flow?.settle({ ok: false, error: new AppFailure('validation', 'Sign-in cancelled.') });
  }

  /** An address the app itself sent the system browser to (the navigation guard may open exactly these). */
  isStartUrl(url: string): boolean {
    return [...this.flows.values()].some((flow) => flow.url === url);
  }

  close(): void {
    for (const flow of this.flows.values()) this.deps.clock.clearTimeout(flow.timer);
    this.flows.clear();
  }

  private flow(flowId: string): Flow {
    this.sweep();
    const flow = this.flows.get(flowId);
    if (!flow) throw new AppFailure('not-found', 'This sign-in is over. Start again.');
    return flow;
  }

  private finishWith(flow: Flow, link: string): void {
    if (flow.service.kind === 'oauth') {
      const parsed = parseOAuthLink(link);
      // Only a link for the address the person added: one naming another server carries that server's credential.
      if (!parsed || !sameBase(flow.rootUrl, parsed.host)) {
        throw new AppFailure('validation', pastedProblem, { fields: { link: pastedProblem } });
      }
      if (parsed.credentialToken && parsed.credentialToken !== flow.credentialToken) {
        const problem = 'This link belongs to another sign-in. Start again.';
        throw new AppFailure('validation', problem, { fields: { link: problem } });
      }
      if (parsed.error) {
        flow.settle({ ok: false, error: new AppFailure('validation', refusal(parsed.error)) });
        return;
      }
      if (!parsed.credentialToken || !parsed.credentialSecret) {
        throw new AppFailure('validation', pastedProblem, { fields: { link: pastedProblem } });
      }
      this.login(flow, oauthLoginBody(parsed.credentialToken, parsed.credentialSecret));
      return;
    }
    if (flow.service.kind === 'saml') {
      const token = samlToken(link, flow.rootUrl);
      if (!token) {
        const problem = 'Paste the whole address your browser shows after signing in (it contains saml_idp_credentialToken).';
        throw new AppFailure('validation', problem, { fields: { link: problem } });
      }
      this.login(flow, samlLoginBody(token));
      return;
    }
    throw new AppFailure('validation', 'This sign-in finishes by itself; nothing needs pasting.');
  }

  /** Signs in with the credential; the outcome (a session, a 2FA challenge, a refusal) ends the flow. */
  private login(flow: Flow, body: Record<string, unknown>): void {
    // Both outcomes settle the flow, which the window is waiting on; nothing else waits here.
    void this.deps.accounts
      .signInWith(flow.server, { user: '', body, codePlacement: 'wrapped', signInKind: 'single-sign-on', sessionOnly: flow.sessionOnly })
      .then(
        (account) => flow.settle({ ok: true, account }),
        (error: unknown) => flow.settle({ ok: false, error: explain(error) }),
      );
  }

  /** CAS: asks the server whether the sign-in under our token is there; keeps waiting if not yet. */
  private check(flow: Flow): Promise<void> {
    flow.checking ??= (async () => {
      try {
        const account = await this.deps.accounts.signInWith(flow.server, {
          user: '',
          body: casLoginBody(flow.credentialToken),
          codePlacement: 'wrapped',
          signInKind: 'single-sign-on',
          sessionOnly: flow.sessionOnly,
        });
        flow.settle({ ok: true, account });
      } catch (error) {
        if (isNotYet(error)) {
          if (!flow.settled) this.schedule(flow, error);
          return;
        }
        flow.settle({ ok: false, error: explain(error) });
      } finally {
        flow.checking = undefined;
      }
    })();
    return flow.checking;
  }

  private schedule(flow: Flow, failure?: unknown): void {
    this.deps.clock.clearTimeout(flow.timer);
    if (this.deps.clock.now() - flow.startedAt > lifetimeMs) {
      flow.settle({ ok: false, error: new AppFailure('timeout', 'The sign-in was not finished in the browser in time. Start again.') });
      return;
    }
    // A 429 says when to ask again; otherwise the usual pace.
    const retryAfter = failure instanceof ApiFailure && failure.details.retryAfter !== undefined ? failure.details.retryAfter * 1000 : 0;
    flow.timer = this.deps.clock.setTimeout(
      // A timer has nobody to hand the check to; a failed look is logged and the next one follows.
      () => void this.check(flow).catch((error: unknown) => logFailure(this.deps.log, 'looking for a CAS sign-in', error)),
      Math.max(retryAfter, casPollMs),
      { background: true },
    );
  }

  private sweep(): void {
    const now = this.deps.clock.now();
    for (const flow of this.flows.values()) {
      if (now - flow.startedAt > lifetimeMs) {
        flow.settle({ ok: false, error: new AppFailure('timeout', 'The sign-in was not finished in the browser in time. Start again.') });
      }
    }
  }
}

const pastedProblem = 'This is not the link your browser was given for this sign-in. Paste the whole rocketchat:// link.';

interface OAuthLink {
  host: string;
  credentialToken: string | null;
  credentialSecret: string | null;
  error: string | null;
}

/** rocketchat://auth?host=<ROOT_URL>/&type=oauth&credentialToken=…&credentialSecret=… (or &error=…). */
function parseOAuthLink(link: string): OAuthLink | null {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'rocketchat:' || url.hostname !== 'auth' || url.searchParams.get('type') !== 'oauth') return null;
  const host = url.searchParams.get('host');
  if (!host) return null;
  return {
    host,
    credentialToken: url.searchParams.get('credentialToken'),
    credentialSecret: url.searchParams.get('credentialSecret'),
    error: url.searchParams.get('error'),
  };
}

/** The token in the address SAML ends on: <ROOT_URL>/saml/<token>?saml_idp_credentialToken=<token>, under the added address only. */
function samlToken(address: string, rootUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if (!`${url.origin}${url.pathname}`.startsWith(`${rootUrl}/`)) return null;
  const token = url.searchParams.get('saml_idp_credentialToken') ?? /\/saml\/([^/?#]+)/.exec(url.pathname)?.[1] ?? null;
  return token && /^[\w-]{8,200}$/.test(token) ? token : null;
}

/** The same server address, however written (a trailing slash, a default port, the host's case). */
function sameBase(a: string, b: string): boolean {
  const base = baseUrl(a);
  return base !== null && base === baseUrl(b);
}

/** Longest part of a provider's words shown; the rest of a runaway reason says nothing new. */
const maxQuotedLength = 200;

/**
 * The provider's refusal. Its words come from a link anyone could have made, so they are
 * shown as its words, quoted, cleaned of control and direction characters and cut short;
 * only a code the app knows becomes a sentence of its own.
 */
function refusal(code: string): string {
  if (code === 'access_denied') return 'The sign-in was declined at the identity provider (access denied).';
  const words = code
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!words) return 'The identity provider did not sign you in, and gave no reason.';
  const quoted = words.length > maxQuotedLength ? `${words.slice(0, maxQuotedLength)}…` : words;
  return `The sign-in did not finish. The identity provider said: “${quoted}”`;
}

/** Why single sign-on is not offered at this address, and where it is (D60). */
function elsewhere(named: string, added: string): string {
  return `This server gives its address as ${named}, not ${added}. Single sign-on finishes at the workspace's own address, so it is offered only there: add ${named} to sign in with it.`;
}

function isNotYet(error: unknown): boolean {
  return error instanceof ApiFailure && (error.details.serverCode === 'no-matching-login-attempt' || error.code === 'rate-limited');
}

/** A credential the server does not hold (expired, refused at the provider) reads as a sign-in to start again. */
function explain(error: unknown): unknown {
  if (error instanceof ApiFailure && error.details.serverCode === 'no-matching-login-attempt') {
    return new AppFailure('unauthorized', 'The server has no record of this sign-in (it may have expired or been refused). Start again.');
  }
  return error;
}
