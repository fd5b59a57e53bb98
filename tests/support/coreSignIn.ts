import type { AccountSummary, ServerSummary } from '../../shared/accountSchemas';
import type { Core } from '../../electron/core/createCore';
import { value } from './result';

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
  const stop = core.events.onAny((event, payload) => {
    if (event !== 'profile.changed') return;
    const { accountId } = payload as { accountId: string };
    profiled.add(accountId);
    waiting.get(accountId)?.();
  });
  const firstProfile = (accountId: string) =>
    profiled.has(accountId) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(accountId, resolve));
  try {
    const { id: serverId } = value<ServerSummary>(await core.dispatch('servers.add', { url: serverUrl }));
    const first = await core.dispatch('accounts.signIn', { serverId, user, password });
    let accountId: string;
    if (first.ok) accountId = (first.value as AccountSummary).id;
    else if (!answer || !first.error.twoFactor?.challengeId) throw new Error(`sign-in of ${user} failed: ${first.error.message}`);
    else {
      const challengeId = first.error.twoFactor.challengeId;
      accountId = value<AccountSummary>(await core.dispatch('accounts.answerTwoFactor', { challengeId, code: await answer() })).id;
    }
    await firstProfile(accountId);
    return accountId;
  } finally {
    stop();
  }
}
