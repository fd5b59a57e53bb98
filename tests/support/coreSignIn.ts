import type { AppError } from '../../shared/errors';
import type { Core } from '../../electron/core/createCore';
import { call, callResult } from './coreCall';
import { usersApiControls, type UsersApiControls } from './usersApiControls';
import { demo, totpCode } from './usersApiServer';

/**
 * Adds the server to a core (again is fine) and signs in through the contract, answering a
 * second factor with `answer` when the server asks for one. Returns the account id once the
 * sign-in's first copy of the profile is in (it is fetched in the background), so a test
 * starts from a quiet core.
 */
export async function signInThroughCore(
  core: Core,
  serverUrl: string,
  user: string,
  password: string,
  answer?: () => Promise<string> | string,
): Promise<string> {
  const profiled = new Set<string>();
  const waiting = new Map<string, () => void>();
  const stop = core.events.on('profile.changed', ({ accountId }) => {
    profiled.add(accountId);
    waiting.get(accountId)?.();
  });
  const firstProfile = (accountId: string) =>
    profiled.has(accountId) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(accountId, resolve));
  try {
    const { id: serverId } = await call(core, 'servers.add', { url: serverUrl });
    const first = await callResult(core, 'accounts.signIn', { serverId, user, password });
    let accountId: string;
    if (first.ok) accountId = first.value.id;
    else if (!answer || !first.error.twoFactor?.challengeId) throw new Error(`sign-in of ${user} failed: ${first.error.message}`);
    else {
      const challengeId = first.error.twoFactor.challengeId;
      accountId = (await call(core, 'accounts.answerTwoFactor', { challengeId, code: await answer() })).id;
    }
    await firstProfile(accountId);
    return accountId;
  } finally {
    stop();
  }
}

/** The demo accounts of the reference server's seed, by the second factor each one has. */
export type DemoAccount = keyof typeof demo;

/**
 * Signs a demo account in to a reference server, answering its second factor the way a person
 * would: the authenticator's current code (`totp`) or the code the server mailed (`email2fa`),
 * read through the server's own controls when it has them (a TestServer), else its dev routes.
 * Returns the account id once its first profile is in (signInThroughCore).
 */
export function signedIn(
  core: Core,
  server: { url: string } & Partial<Pick<UsersApiControls, 'latestEmailCode'>>,
  account: DemoAccount,
): Promise<string> {
  const { user, password } = demo[account];
  const { email } = demo.email2fa;
  const answers: Record<DemoAccount, (() => Promise<string> | string) | undefined> = {
    plain: undefined,
    totp: () => totpCode(),
    email2fa: () => (server.latestEmailCode ? server.latestEmailCode(email) : usersApiControls(server.url).latestEmailCode(email)),
  };
  return signInThroughCore(core, server.url, user, password, answers[account]);
}

/** The id of the pending sign-in a second-factor refusal names; any other refusal fails the test. */
export function challengeIdOf(error: AppError): string {
  const challengeId = error.twoFactor?.challengeId;
  if (!challengeId) throw new Error(`expected a second-factor challenge, got ${error.code}: ${error.message}`);
  return challengeId;
}
