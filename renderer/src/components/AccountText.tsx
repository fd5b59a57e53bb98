import type { AccountSummary } from '../../../shared/accountSchemas';
import type { Attention } from './useAccountAttention';

const stateWords: Record<AccountSummary['state'], string> = {
  'signed-in': 'Signed in',
  'session-only': 'Signed in for this session',
  'signed-out': 'Signed out',
};

/** An access-token account says so while it is signed in (signing out will not revoke the token). */
function stateOf(account: AccountSummary): string {
  return account.state === 'signed-in' && account.signedInWith === 'access-token'
    ? 'Signed in with an access token'
    : stateWords[account.state];
}

export const nameOf = (account: AccountSummary) => account.displayName ?? account.username;

/**
 * An account's name, server and state, each whole (they wrap rather than being cut), as the
 * switcher shows it in a row, on its collapsed button and in its list.
 */
export function AccountText({
  account,
  attention,
  sayEdits = true,
}: {
  account: AccountSummary;
  attention: Attention | undefined;
  /** Whether a screen reader hears the edits that need the person (not where a total is said instead). */
  sayEdits?: boolean;
}) {
  const edits = sayEdits ? (attention?.edits ?? 0) : 0;
  return (
    <span className="account-text">
      <span className="account-name">{nameOf(account)}</span>
      {edits > 0 && <span className="visually-hidden">, {edits === 1 ? 'one edit needs' : `${edits} edits need`} you</span>}
      <span className="account-server">{account.serverName}</span>
      <span className={`account-state ${attention?.unreachable ? 'unreachable' : `state-${account.state}`}`}>
        {attention?.unreachable ? 'Can’t reach server' : stateOf(account)}
      </span>
    </span>
  );
}
