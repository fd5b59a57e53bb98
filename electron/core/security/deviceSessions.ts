import type { DeviceSession, DeviceSessionsView, SignOutSessionAnswer } from '../../../shared/deviceSessionSchemas';
import { AppFailure } from '../../../shared/errors';
import type { AccountsService } from '../accounts/accountsService';
import type { Handlers } from '../handlers';
import { failureWords, logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import { ApiFailure } from '../usersApi/apiFailure';
import { listDeviceSessions, signOutDeviceSession, type ServerDeviceSession } from '../usersApi/deviceSessionsApi';
import { fetchCurrentMe } from '../usersApi/profileApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';

export interface DeviceSessionsDeps {
  accounts: AccountsService;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
  log: Logger;
}

/**
 * The server does not list devices: without the enterprise licence it answers the licence
 * middleware's `error-action-not-allowed` (older lines a 403), and a server without the route a 404
 * (docs/protocol.md §2 "Device sessions"). The screen then keeps "Sign out other devices" alone.
 */
function notListed(error: unknown): boolean {
  if (!(error instanceof ApiFailure)) return false;
  return error.details.serverCode === 'error-action-not-allowed' || error.details.status === 403 || error.code === 'not-found';
}

function describe(session: ServerDeviceSession, ownId: string | undefined): DeviceSession {
  const system = [session.os, session.osVersion].filter(Boolean).join(' ');
  const device = system === '' ? 'Unknown device' : session.deviceType === 'mobile' ? `${system} (mobile)` : system;
  return {
    sessionId: session.sessionId,
    device,
    client: [session.client, session.clientVersion].filter(Boolean).join(' '),
    ip: session.ip,
    lastSignIn: session.loginAt,
    thisComputer: session.sessionId === ownId,
  };
}

/**
 * The account's signed-in devices (sessions/list, an enterprise feature) and signing one out
 * (sessions/logout.me). Rocket.Chat's list does not say which row is the caller's, so the app
 * learns its own right after it signs in: the newest row then is the session it just made (D96).
 * Online only and never queued, like everything else on the Security screen.
 */
export class DeviceSessionsService {
  /** account → the session id of this app's own sign-in, learned at sign-in (lost on restart). */
  private readonly own = new Map<string, string>();

  constructor(private readonly deps: DeviceSessionsDeps) {}

  /** Just signed in: the newest session on the list is the one this app made. Failures only logged. */
  async signedIn(accountId: string): Promise<void> {
    this.own.delete(accountId);
    try {
      const credentials = await this.deps.accounts.credentials(accountId);
      if (!credentials || !this.deps.isOnline(accountId)) return;
      const { sessions } = await listDeviceSessions(this.deps.clientForAccount(accountId), credentials);
      const newest = sessions.reduce<ServerDeviceSession | undefined>(
        (best, s) => (best === undefined || Date.parse(s.loginAt ?? '') > Date.parse(best.loginAt ?? '') ? s : best),
        undefined,
      );
      if (newest) this.own.set(accountId, newest.sessionId);
    } catch (error) {
      if (!notListed(error)) logFailure(this.deps.log, "noting this computer's session", error);
    }
  }

  async view(accountId: string): Promise<DeviceSessionsView> {
    const base = { accountId, accountLabel: this.deps.accounts.labelOf(accountId), sessions: [], total: 0 };
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) return { ...base, listed: false, reason: 'You are signed out of this account. Sign in again to see its devices.' };
    if (!this.deps.isOnline(accountId)) return { ...base, listed: false, reason: this.unreachable(accountId) };
    try {
      const { sessions, total } = await listDeviceSessions(this.deps.clientForAccount(accountId), credentials);
      const ownId = this.own.get(accountId);
      return { ...base, listed: true, reason: null, sessions: sessions.map((s) => describe(s, ownId)), total };
    } catch (error) {
      if (notListed(error)) return { ...base, listed: false, reason: null };
      return { ...base, listed: false, reason: failureWords(error) ?? this.unreachable(accountId) };
    }
  }

  async signOut(accountId: string, sessionId: string): Promise<SignOutSessionAnswer> {
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) throw new AppFailure('unauthorized', 'You are signed out of this account. Sign in again first.');
    if (!this.deps.isOnline(accountId)) throw new AppFailure('network-unreachable', this.unreachable(accountId));
    if (this.own.get(accountId) === sessionId)
      throw new AppFailure('validation', 'That is this computer. To end this session, sign out of the account here instead.');
    const client = this.deps.clientForAccount(accountId);
    try {
      await signOutDeviceSession(client, credentials, sessionId);
    } catch (error) {
      throw this.refusal(accountId, error);
    }
    // The list cannot say which row is ours when the app did not see its own sign-in (a restart):
    // if that row was this computer's, the account is signed out here now, and the person is told.
    if (await this.endedHere(client, credentials)) {
      this.own.delete(accountId);
      await this.deps.accounts.markSessionEnded(accountId);
      return {
        message: `That was this computer's own session, so you are now signed out of ${this.deps.accounts.labelOf(accountId)} here. Sign in again to use it.`,
        signedOutHere: true,
      };
    }
    return { message: 'That device is signed out. It needs the password to sign in again.', signedOutHere: false };
  }

  /** Whether our own token stopped working with that sign-out; an unanswered check counts as no. */
  private async endedHere(client: UsersApiClient, credentials: Credentials): Promise<boolean> {
    try {
      await fetchCurrentMe(client, credentials);
      return false;
    } catch (error) {
      if (error instanceof ApiFailure && error.details.status === 401) return true;
      logFailure(this.deps.log, 'checking this session after signing a device out', error);
      return false;
    }
  }

  private refusal(accountId: string, error: unknown): unknown {
    if (!(error instanceof ApiFailure)) return error;
    if (error.details.status === 404 && error.code === 'not-found' && /session not found/i.test(error.message))
      return new AppFailure('not-found', 'That device was signed out already.');
    if (notListed(error))
      return new AppFailure('unauthorized', `${this.server(accountId)} no longer lists devices. Sign out other devices instead.`);
    if (error.code === 'rate-limited')
      return new AppFailure(
        'rate-limited',
        `The server allows a few of these a minute. Try again in ${error.details.retryAfter ?? 60} seconds.`,
        {
          retryAfter: error.details.retryAfter ?? 60,
        },
      );
    return error;
  }

  private server(accountId: string): string {
    return this.deps.accounts.serverOf(accountId).name;
  }

  private unreachable(accountId: string): string {
    return `${this.server(accountId)} cannot be reached now. The list of devices needs the server.`;
  }
}

export function deviceSessionHandlers(devices: DeviceSessionsService) {
  return {
    'security.deviceSessions': ({ accountId }) => devices.view(accountId),
    'security.signOutSession': ({ accountId, sessionId }) => devices.signOut(accountId, sessionId),
  } satisfies Handlers;
}
