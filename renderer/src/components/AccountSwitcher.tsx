import { useEffect, useRef, useState, type RefObject } from 'react';
import type { AccountSummary } from '../../../shared/accountSchemas';
import { editableValue } from '../../../shared/profileEdits';
import { useAccounts } from '../stores/accountsStore';
import { useOutbox } from '../stores/outboxStore';
import { useProfiles } from '../stores/profileStore';
import { useUi } from '../stores/uiStore';
import { AccountPicker } from './AccountPicker';
import { AccountText, nameOf } from './AccountText';
import { Avatar } from './Avatar';
import { ConfirmDialog } from './ConfirmDialog';
import { MenuButton, type MenuItem } from './MenuButton';
import { StatusPicker } from './StatusPicker';
import { useAccountAttention } from './useAccountAttention';
import { useCollapsed } from './useCollapsed';

type Asking = { kind: 'remove' | 'sign-out'; account: AccountSummary; unsent: number };

const unsentWords = (count: number) => (count === 1 ? 'One edit has' : `${count} edits have`);

/**
 * Every account, compact: avatar with its status dot, name, server and state; the active
 * one is marked (aria-current) and carries the status picker. What can be done to an
 * account is in its menu, named for that account. Sign out and Remove ask first when
 * edits have not reached the server. When the list would not fit above the screens'
 * navigation (`room` is the sidebar's space left over), it collapses into the active account
 * with a list of all (AccountPicker).
 */
export function AccountSwitcher({ room }: { room: RefObject<HTMLElement | null> }) {
  const { accounts, switchTo, signOut, remove } = useAccounts();
  const presence = useProfiles((state) => state.views);
  const loadProfile = useProfiles((state) => state.load);
  const { show, startSignIn, leave, focusHeading } = useUi();
  const [asking, setAsking] = useState<Asking | null>(null);

  // Each signed-in account's saved profile, for its status dot (read from the cache; refreshed at most once a minute).
  const signedIn = accounts.filter((account) => account.state !== 'signed-out').map((account) => account.id);
  const signedInKey = signedIn.join(' ');
  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    for (const accountId of signedInKey.split(' ').filter(Boolean)) void loadProfile(accountId);
  }, [signedInKey, loadProfile]);

  const attention = useAccountAttention(accounts);
  const whole = useRef<HTMLUListElement>(null);
  const picker = useRef<HTMLDivElement>(null);
  const shape = accounts
    .map((account) => `${account.id}:${account.active}:${account.state}:${nameOf(account)}:${attention[account.id]?.unreachable}`)
    .join('\n');
  const collapsed = useCollapsed(whole, picker, room, shape);

  const unsentOf = async (accountId: string) => {
    await useOutbox.getState().load(accountId);
    return useOutbox.getState().views[accountId]?.items.length ?? 0;
  };

  const menuOf = (account: AccountSummary): MenuItem[] => {
    const where = `${nameOf(account)} on ${account.serverName}`;
    return [
      account.state === 'signed-out'
        ? {
            label: 'Sign in again',
            ariaLabel: `Sign in again to ${where}`,
            onSelect: () =>
              startSignIn({
                serverId: account.serverId,
                serverName: account.serverName,
                serverUrl: account.serverUrl,
                user: account.username,
              }),
          }
        : {
            label: 'Sign out',
            ariaLabel: `Sign out ${where}`,
            onSelect: () =>
              // Counting unsent edits only decides whether to ask first; the menu closes at once.
              void unsentOf(account.id).then((unsent) =>
                unsent > 0 ? setAsking({ kind: 'sign-out', account, unsent }) : signOut(account.id),
              ),
          },
      {
        label: 'Remove…',
        ariaLabel: `Remove ${where}…`,
        danger: true,
        // How it went shows on screen; an event handler has nobody to hand the promise to.
        onSelect: () => void unsentOf(account.id).then((unsent) => setAsking({ kind: 'remove', account, unsent })),
      },
    ];
  };

  const choose = (account: AccountSummary) =>
    leave(() => {
      // How it went shows on screen; an event handler has nobody to hand the promise to.
      void switchTo(account.id);
      focusHeading();
    });

  const question = asking && questionFor(asking);
  return (
    <section className="switcher" aria-label="Accounts">
      {collapsed ? (
        <AccountPicker ref={picker} accounts={accounts} attention={attention} menuOf={menuOf} onChoose={choose} />
      ) : (
        <ul ref={whole} className="account-rows">
          {accounts.map((account) => {
            const name = nameOf(account);
            const profile = presence[account.id]?.profile;
            // What needs the person on this account: each edit to decide on, an ended session, a server out of reach.
            const count = attention[account.id]?.total ?? 0;
            return (
              <li
                key={account.id}
                className={account.active ? 'account active' : 'account'}
                data-testid="account-item"
                aria-current={account.active ? 'true' : undefined}
              >
                <div className="account-row">
                  <button
                    type="button"
                    className="account-main"
                    aria-current={account.active ? 'true' : undefined}
                    onClick={() => choose(account)}
                  >
                    <Avatar
                      accountId={account.id}
                      username={account.username}
                      etag={profile?.avatarETag}
                      name={name}
                      presence={account.state === 'signed-out' ? undefined : profile ? editableValue(profile, 'statusType') || null : null}
                    />
                    <AccountText account={account} attention={attention[account.id]} />
                    {count > 0 && (
                      <span className="count-badge account-attention" aria-hidden="true" data-testid="account-attention">
                        {count}
                      </span>
                    )}
                  </button>
                  <MenuButton label={`Actions for ${name} on ${account.serverName}`} items={menuOf(account)}>
                    <span aria-hidden="true">⋯</span>
                  </MenuButton>
                </div>
                {account.active && account.state !== 'signed-out' && <StatusPicker accountId={account.id} />}
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="secondary add-account" onClick={() => show('add-server')}>
        + Add account
      </button>
      <ConfirmDialog
        open={asking !== null}
        title={question?.title ?? ''}
        message={question?.message ?? ''}
        confirmLabel={question?.confirm ?? ''}
        danger={asking?.kind === 'remove'}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          // How it went shows on screen; an event handler has nobody to hand the promise to.
          if (asking?.kind === 'remove') void remove(asking.account.id);
          // How it went shows on screen; an event handler has nobody to hand the promise to.
          else if (asking) void signOut(asking.account.id);
          setAsking(null);
        }}
      />
    </section>
  );
}

function questionFor({ kind, account, unsent }: Asking): { title: string; message: string; confirm: string } {
  const where = `${nameOf(account)} on ${account.serverName}`;
  if (kind === 'sign-out') {
    return {
      title: 'Sign out while edits wait?',
      message: `${unsentWords(unsent)} not reached the server yet; they are kept and sent after you sign in to this account again. Sign out of ${where} now?`,
      confirm: 'Sign out',
    };
  }
  return {
    title: 'Remove this account?',
    message: `${where} will be signed out and everything this app keeps for it will be deleted from this computer. The account itself stays on the server.${
      unsent > 0 ? ` ${unsentWords(unsent)} not reached the server yet and will be lost.` : ''
    }`,
    confirm: 'Remove account',
  };
}
