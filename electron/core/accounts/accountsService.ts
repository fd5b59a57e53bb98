import type { AccountList, AccountSummary } from '../../../shared/accountSchemas';
import { AppFailure } from '../../../shared/errors';
import { codeShapeProblem, codeToSend } from '../../../shared/twoFactorCode';
import type { Clock } from '../clock';
import type { CoreEvents } from '../coreEvents';
import type { DomainEvents } from '../domainEvents';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import { ApiFailure } from '../usersApi/apiFailure';
import { fetchMe, logout, passwordDigest, sendEmailCode } from '../usersApi/authApi';
import { loginWith, type LoginAnswer } from '../usersApi/signInApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';
import type { Vault } from '../vault/vault';
import { serverName, toAccountSummary, type AccountRepository, type AccountRow, type ServerRow } from './accountRepository';
import { ServerRegistry } from './serverRegistry';
import { SessionKeeper } from './sessionKeeper';
import { SignInChallenges, type PendingSignIn } from './signInChallenges';
import { passwordBody } from './workspaceSignIn';
import { nodeCrypto } from '../nodeBuiltins';
import { accountLabel } from '../../../shared/accountLabel';

export interface AccountsDeps {
  repository: AccountRepository;
  vault: Vault;
  clock: Clock;
  events: CoreEvents;
  /** Where `signedIn` is announced after each sign-in, with the /me that login's reply carried. */
  signals: DomainEvents;
  clientFor(server: { id: string; origin: string }): UsersApiClient;
  log: Logger;
}

/**
 * The accounts on the app's servers (ServerRegistry): sign in (with 2FA), restore sessions
 * from the keychain, switch, sign out, remove. Tokens go to the SessionKeeper only.
 */
export class AccountsService {
  private readonly sessions: SessionKeeper;
  private readonly challenges: SignInChallenges;
  /** The servers the accounts are on. */
  readonly servers: ServerRegistry;

  constructor(private readonly deps: AccountsDeps) {
    this.servers = new ServerRegistry(deps);
    this.sessions = new SessionKeeper(deps.vault);
    this.challenges = new SignInChallenges(deps.clock);
  }

  list(): AccountList {
    const activeId = this.deps.repository.activeAccountId();
    const servers = new Map(this.deps.repository.servers().map((server) => [server.id, server]));
    const accounts = this.deps.repository.accounts().flatMap((row) => {
      const server = servers.get(row.server_id);
      return server ? [toAccountSummary(row, server, activeId)] : [];
    });
    return { accounts, activeAccountId: activeId, revision: this.deps.events.revision('accounts.changed', {}) };
  }

  /** The password form: a local, LDAP or Crowd password, as the workspace's settings say. */
  async signIn(request: { serverId: string; user: string; password: string; sessionOnly?: boolean }): Promise<AccountSummary> {
    const server = this.servers.byId(request.serverId);
    const sessionOnly = request.sessionOnly ?? false;
    if (!sessionOnly) await this.requireKeychain();
    const { options } = await this.servers.workspace(server);
    const body = passwordBody(options.passwordKind, request.user, request.password, passwordDigest(request.password));
    return this.signInWith(server, {
      user: request.user,
      body,
      // The REST password body takes the code beside it; LDAP and Crowd bodies need the totp wrapper.
      codePlacement: options.passwordKind === 'local' ? 'in-body' : 'wrapped',
      signInKind: 'password',
      sessionOnly,
    });
  }

  /**
   * Sends a first login request and adopts the session it gives; a 2FA challenge keeps the
   * request (in memory) under a challenge id for answerTwoFactor. Single sign-on comes here too.
   */
  async signInWith(server: ServerRow, pending: Omit<PendingSignIn, 'id' | 'createdAt' | 'serverId' | 'method'>): Promise<AccountSummary> {
    const sign = { ...pending, serverId: server.id };
    try {
      return await this.completeLogin(server, sign, await loginWith(this.deps.clientFor(server), sign.body));
    } catch (error) {
      if (error instanceof ApiFailure && error.code === 'two-factor-required') {
        const named = error.details.twoFactor ? (error.details.serverDetails as { emailOrUsername?: unknown } | undefined) : undefined;
        const user = typeof named?.emailOrUsername === 'string' ? named.emailOrUsername : sign.user;
        const challenge = this.challenges.open({ ...sign, user, method: error.details.twoFactor?.method ?? 'totp' });
        throw withChallenge(error, challenge.id);
      }
      throw error;
    }
  }

  /**
   * A personal access token (user ID + token) checked with /me: no /login call, no 2FA.
   * Kept like a session; signing out forgets it here and never revokes it (a logout would delete it).
   */
  async signInWithToken(request: { serverId: string; userId: string; token: string; sessionOnly?: boolean }): Promise<AccountSummary> {
    const server = this.servers.byId(request.serverId);
    const sessionOnly = request.sessionOnly ?? false;
    if (!sessionOnly) await this.requireKeychain();
    const credentials = { userId: request.userId, token: request.token };
    let me: Awaited<ReturnType<typeof fetchMe>>;
    try {
      me = await fetchMe(this.deps.clientFor(server), credentials);
    } catch (error) {
      if (error instanceof ApiFailure && error.details.status === 401) {
        throw new AppFailure('unauthorized', 'The server did not accept this user ID and access token.', {
          fields: { token: 'The server did not accept this user ID and access token.' },
        });
      }
      throw error;
    }
    if (me._id !== request.userId) throw new AppFailure('validation', 'This access token belongs to another user ID.');
    const pending = { serverId: server.id, user: me.username ?? request.userId, body: {}, codePlacement: 'in-body' as const };
    return this.completeLogin(server, { ...pending, signInKind: 'access-token', sessionOnly }, { ...credentials, me });
  }

  /** Answers a 2FA challenge once. A wrong code asks again; too many ends the sign-in. Never retried by itself. */
  async answerTwoFactor(challengeId: string, code: string): Promise<AccountSummary> {
    const pending = this.challenges.get(challengeId);
    const server = this.servers.byId(pending.serverId);
    // A code that cannot be right is not sent: each wrong answer spends one of the server's few tries.
    const problem = pending.method === 'password' ? null : codeShapeProblem(pending.method, code);
    if (problem) throw new AppFailure('validation', problem, { fields: { code: problem } });
    try {
      const answer = await loginWith(this.deps.clientFor(server), pending.body, {
        value: pending.method === 'password' ? passwordDigest(code) : codeToSend(pending.method, code),
        placement: pending.codePlacement,
      });
      this.challenges.close(challengeId);
      return await this.completeLogin(server, pending, answer);
    } catch (error) {
      if (error instanceof ApiFailure && (error.code === 'two-factor-invalid' || error.code === 'two-factor-required')) {
        throw withChallenge(error, challengeId);
      }
      this.challenges.close(challengeId);
      throw error;
    }
  }

  /** Refuses a remembered sign-in while the keychain cannot keep its token (the person may choose session-only). */
  async requireKeychain(): Promise<void> {
    const status = await this.deps.vault.status();
    if (status.state === 'unavailable') {
      throw new AppFailure(
        'keychain-unavailable',
        `${status.reason} You can still sign in for this session only: you will be asked again after the app quits.`,
      );
    }
  }

  async sendEmailCode(challengeId: string): Promise<void> {
    const pending = this.challenges.get(challengeId);
    await sendEmailCode(this.deps.clientFor(this.servers.byId(pending.serverId)), pending.user);
  }

  cancelSignIn(challengeId: string): void {
    this.challenges.close(challengeId);
  }

  switchTo(accountId: string): AccountList {
    this.account(accountId);
    this.deps.repository.setActiveAccountId(accountId);
    this.changed();
    return this.list();
  }

  /** Revokes the token on the server when reachable, then forgets it here. Cached data stays. */
  async signOut(accountId: string): Promise<AccountList> {
    const { account, server } = this.account(accountId);
    await this.endSession(account, server);
    this.deps.repository.setState(account.id, 'signed-out', this.deps.clock.now());
    this.changed();
    return this.list();
  }

  /** Signs out and deletes the account with everything cached for it. */
  async remove(accountId: string): Promise<AccountList> {
    const { account, server } = this.account(accountId);
    await this.endSession(account, server);
    this.deps.repository.deleteAccount(account.id);
    if (this.deps.repository.activeAccountId() === null) {
      this.deps.repository.setActiveAccountId(this.deps.repository.accounts()[0]?.id ?? null);
    }
    this.changed();
    return this.list();
  }

  /**
   * The server deleted the account: its keychain entry and row go (its profile, outbox and
   * history with it), every module forgets the rest (`accountDeleted`), then the database is
   * rewritten so no freed page still holds its bytes. No logout: the server ended the session.
   */
  async forgetDeleted(accountId: string): Promise<AccountList> {
    const { account, server } = this.account(accountId);
    await this.sessions.forget(account.id, server.origin, account.user_id);
    this.deps.repository.deleteAccount(account.id);
    if (this.deps.repository.activeAccountId() === null) {
      this.deps.repository.setActiveAccountId(this.deps.repository.accounts()[0]?.id ?? null);
    }
    const othersOnServer = this.deps.repository.accounts().some((other) => other.server_id === server.id);
    this.deps.signals.emit('accountDeleted', {
      accountId: account.id,
      serverId: server.id,
      userId: account.user_id,
      username: account.username,
      othersOnServer,
    });
    this.deps.repository.compact();
    this.changed();
    return this.list();
  }

  /** The server an account lives on, for the other services' clients, with the name sentences call it by. */
  serverOf(accountId: string): { id: string; origin: string; name: string } {
    const { server } = this.account(accountId);
    return { id: server.id, origin: server.origin, name: serverName(server) };
  }

  /** What sentences about this account call it ("Funke Olasupo (roxie) on Demo server"), as the switcher does. */
  labelOf(accountId: string): string {
    const { account, server } = this.account(accountId);
    return accountLabel(toAccountSummary(account, server, null));
  }

  /** The session of an account, for the other services; null when signed out. */
  async credentials(accountId: string): Promise<Credentials | null> {
    const { account, server } = this.account(accountId);
    if (account.state === 'signed-out') return null;
    return this.sessions.credentials(account.id, server.origin, account.user_id);
  }

  /**
   * At start: session-only accounts did not survive the last quit; the others get their
   * token from the keychain and are checked with /me. A 401 means the server ended the
   * session; no answer means we are offline and keep the session as it is.
   */
  async restoreSessions(): Promise<void> {
    const now = this.deps.clock.now();
    for (const account of this.deps.repository.accounts()) {
      if (account.state === 'session-only') this.deps.repository.setState(account.id, 'signed-out', now);
    }
    const checks = this.deps.repository
      .accounts()
      .filter((account) => account.state === 'signed-in')
      .map((account) => this.verifySession(account));
    await Promise.all(checks);
    this.changed();
  }

  /** The server handed out a new token for this session (users.logoutOtherClients on some versions). */
  async replaceToken(accountId: string, token: string): Promise<void> {
    const { account, server } = this.account(accountId);
    await this.sessions.keep(account.id, server.origin, { userId: account.user_id, token }, account.state === 'signed-in');
  }

  /**
   * The server answered 401 to a call made with these credentials. When they are still the
   * account's session (not an older token a late request carried), the account is signed
   * out at once; its cached data and queued edits stay for the next sign-in.
   */
  sessionRefused(serverId: string, auth: Credentials): void {
    const account = this.deps.repository.accountByUser(serverId, auth.userId);
    if (!account || account.state === 'signed-out') return;
    const server = this.deps.repository.server(serverId);
    if (!server) return;
    void (async () => {
      const current = await this.sessions.credentials(account.id, server.origin, account.user_id).catch(() => null);
      if (current?.token !== auth.token) return; // an old session's late answer: the new one stands
      await this.markSessionEnded(account.id);
      this.deps.events.emit('session.ended', {
        accountId: account.id,
        message: `Your session on ${serverName(server)} has ended. Sign in again; edits waiting to be sent are kept.`,
      });
    })().catch((error: unknown) => logFailure(this.deps.log, 'ending a refused session', error));
  }

  /** Marks an account "signed out — sign in again" after the server refused its token. */
  async markSessionEnded(accountId: string): Promise<void> {
    const { account, server } = this.account(accountId);
    // The server refused the token already: a keychain that cannot drop it now keeps a dead one.
    await this.sessions
      .forget(account.id, server.origin, account.user_id)
      .catch((error: unknown) => logFailure(this.deps.log, 'forgetting an ended session', error));
    this.deps.repository.setState(account.id, 'signed-out', this.deps.clock.now());
    this.changed();
  }

  private async verifySession(account: AccountRow): Promise<void> {
    const server = this.deps.repository.server(account.server_id);
    if (!server) return;
    let credentials: Credentials | null;
    try {
      credentials = await this.sessions.credentials(account.id, server.origin, account.user_id);
    } catch {
      return; // Keychain unavailable: app.info says so; the account keeps its state.
    }
    if (!credentials) {
      this.deps.repository.setState(account.id, 'signed-out', this.deps.clock.now());
      return;
    }
    try {
      await fetchMe(this.deps.clientFor(server), credentials);
    } catch (error) {
      // A 401 has ended the session already (sessionRefused).
      if (error instanceof ApiFailure && error.details.status === 401) return;
      // Offline (or the server failing) at start: the session is kept as it is.
      logFailure(this.deps.log, 'checking a restored session', error);
    }
  }

  private async completeLogin(
    server: ServerRow,
    pending: Omit<PendingSignIn, 'id' | 'createdAt' | 'method'>,
    answer: LoginAnswer,
  ): Promise<AccountSummary> {
    const now = this.deps.clock.now();
    const existing = this.deps.repository.accountByUser(server.id, answer.userId);
    const row: AccountRow = {
      id: existing?.id ?? nodeCrypto().randomUUID(),
      server_id: server.id,
      user_id: answer.userId,
      username: answer.me?.username ?? pending.user,
      display_name: answer.me?.name ?? null,
      state: pending.sessionOnly ? 'session-only' : 'signed-in',
      sign_in_kind: pending.signInKind,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    // Signing in again, in any way, replaces the old session: revoke it rather than leave it
    // alive on the server — unless it was an access token, which a logout would delete for good (D8).
    const previous =
      existing && existing.sign_in_kind !== 'access-token'
        ? await this.sessions.credentials(existing.id, server.origin, existing.user_id).catch((error: unknown) => {
            logFailure(this.deps.log, 'reading the replaced session to revoke it', error);
            return null;
          })
        : null;
    try {
      await this.sessions.keep(row.id, server.origin, { userId: answer.userId, token: answer.token }, !pending.sessionOnly);
    } catch (error) {
      // The keychain failed between the check and the write: do not leave a live token behind.
      await logout(this.deps.clientFor(server), { userId: answer.userId, token: answer.token }).catch((error: unknown) =>
        logFailure(this.deps.log, 'revoking a session the keychain could not keep', error),
      );
      throw error;
    }
    if (previous && previous.token !== answer.token) {
      await logout(this.deps.clientFor(server), previous).catch((error: unknown) =>
        logFailure(this.deps.log, 'revoking the replaced session', error),
      );
    }
    this.deps.repository.saveAccount(row);
    this.deps.repository.setActiveAccountId(row.id);
    this.changed();
    this.deps.signals.emit('signedIn', { accountId: row.id, serverId: server.id, me: answer.me });
    return toAccountSummary(row, server, row.id);
  }

  private async endSession(account: AccountRow, server: ServerRow): Promise<void> {
    // An unreadable keychain also fails forget() below, which tells the person.
    const credentials = await this.sessions.credentials(account.id, server.origin, account.user_id).catch(() => null);
    // An access token is the person's to keep: a logout with it would delete it on the server.
    if (credentials && account.sign_in_kind !== 'access-token') {
      // Offline sign-out still forgets the token here; the server ends it when it expires.
      await logout(this.deps.clientFor(server), credentials).catch((error: unknown) =>
        logFailure(this.deps.log, 'revoking the session on the server', error),
      );
    }
    await this.sessions.forget(account.id, server.origin, account.user_id);
  }

  /**
   * The profile's latest copy names the account: the list every screen reads follows it (a new
   * display name, a username set after a single sign-on). A username the copy lacks keeps the old one.
   */
  identityChanged(accountId: string, username: string | null, name: string | null): void {
    const row = this.deps.repository.account(accountId);
    if (!row) return;
    if (this.deps.repository.setIdentity(accountId, username ?? row.username, name, this.deps.clock.now())) this.changed();
  }

  private account(id: string): { account: AccountRow; server: ServerRow } {
    const account = this.deps.repository.account(id);
    const server = account && this.deps.repository.server(account.server_id);
    if (!account || !server) throw new AppFailure('not-found', 'That account is no longer in the app.');
    return { account, server };
  }

  private changed(): void {
    this.deps.events.emit('accounts.changed', {});
  }
}

function withChallenge(error: ApiFailure, challengeId: string): AppFailure {
  const { code, message, twoFactor, ...extra } = error.toAppError();
  const challenge = twoFactor ?? { method: 'totp' as const, availableMethods: ['totp' as const] };
  return new AppFailure(code, message, { ...extra, twoFactor: { ...challenge, challengeId } });
}
