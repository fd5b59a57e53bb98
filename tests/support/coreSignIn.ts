import type { AccountSummary, ServerSummary } from '../../shared/accountSchemas';
import type { Core } from '../../electron/core/createCore';
import { value } from './result';

/**
 * Adds the server to a core (again is fine) and signs in through the contract, answering a
 * second factor with `answer` when the server asks for one. Returns the account id.
 */
export async function signInThroughCore(
  core: Core,
  serverUrl: string,
  user: string,
  password: string,
  answer?: () => Promise<string> | string,
): Promise<string> {
  const { id: serverId } = value<ServerSummary>(await core.dispatch('servers.add', { url: serverUrl }));
  const first = await core.dispatch('accounts.signIn', { serverId, user, password });
  if (first.ok) return (first.value as AccountSummary).id;
  if (!answer || !first.error.twoFactor?.challengeId) throw new Error(`sign-in of ${user} failed: ${first.error.message}`);
  return value<AccountSummary>(
    await core.dispatch('accounts.answerTwoFactor', { challengeId: first.error.twoFactor.challengeId, code: await answer() }),
  ).id;
}
