import { useState } from 'react';
import type { AccountSummary } from '../../../shared/accountSchemas';
import { useAccounts } from '../stores/accountsStore';
import { useOutbox } from '../stores/outboxStore';
import { useUi } from '../stores/uiStore';
import { ConfirmDialog } from './ConfirmDialog';
import { Initials } from './Initials';
import { StatusPicker } from './StatusPicker';

const stateLabel: Record<AccountSummary['state'], string> = {
  'signed-in': 'Signed in',
  'session-only': 'Signed in for this session',
  'signed-out': 'Signed out',
};

/** Every account, always visible: switch, sign out, sign in again, remove, add another. */
export function AccountSwitcher() {
  const { accounts, busy, switchTo, signOut, remove } = useAccounts();
  const { show, startSignIn, leave } = useUi();
  const [removing, setRemoving] = useState<AccountSummary | null>(null);
  const unsent = useOutbox((state) => (removing ? (state.views[removing.id]?.items.length ?? 0) : 0));

  return (
    <section className="switcher" aria-label="Accounts">
      <ul>
        {accounts.map((account) => {
          const name = account.displayName ?? account.username;
          return (
            <li key={account.id} className="account" data-testid="account-item" aria-current={account.active ? 'true' : undefined}>
              <button type="button" className="account-main" onClick={() => leave(() => void switchTo(account.id))}>
                <Initials name={name} />
                <span className="account-text">
                  <span className="account-name">{name}</span>
                  <span className="account-server">{account.serverName}</span>
                  <span className={`account-state state-${account.state}`}>{stateLabel[account.state]}</span>
                </span>
              </button>
              {account.active && account.state !== 'signed-out' && <StatusPicker accountId={account.id} />}
              <div className="account-actions">
                {account.state === 'signed-out' ? (
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() =>
                      startSignIn({
                        serverId: account.serverId,
                        serverName: account.serverName,
                        serverUrl: account.serverUrl,
                        user: account.username,
                      })
                    }
                  >
                    Sign in again
                  </button>
                ) : (
                  <button type="button" className="secondary small" disabled={busy[account.id]} onClick={() => void signOut(account.id)}>
                    {busy[account.id] ? 'Signing out…' : 'Sign out'}
                  </button>
                )}
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`Remove ${name} on ${account.serverName}`}
                  onClick={() => {
                    void useOutbox.getState().load(account.id);
                    setRemoving(account);
                  }}
                >
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <button type="button" className="secondary add-account" onClick={() => show('add-server')}>
        + Add account
      </button>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this account?"
        message={
          removing
            ? `${removing.displayName ?? removing.username} on ${removing.serverName} will be signed out and everything this app keeps for it will be deleted from this computer. The account itself stays on the server.${
                unsent > 0 ? ` ${unsent === 1 ? 'One edit has' : `${unsent} edits have`} not reached the server yet and will be lost.` : ''
              }`
            : ''
        }
        confirmLabel="Remove account"
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) void remove(removing.id);
          setRemoving(null);
        }}
      />
    </section>
  );
}
