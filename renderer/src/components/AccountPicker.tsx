import { useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { AccountSummary } from '../../../shared/accountSchemas';
import { editableValue } from '../../../shared/profileEdits';
import { useProfiles } from '../stores/profileStore';
import { AccountText, nameOf } from './AccountText';
import { Avatar } from './Avatar';
import { MenuButton, type MenuItem } from './MenuButton';
import { StatusPicker } from './StatusPicker';
import { attentionWords, type Attention } from './useAccountAttention';
import { usePopover } from './usePopover';

interface AccountPickerProps {
  ref?: RefObject<HTMLDivElement | null>;
  accounts: AccountSummary[];
  attention: Record<string, Attention>;
  menuOf(account: AccountSummary): MenuItem[];
  onChoose(account: AccountSummary): void;
}

/**
 * The accounts when they do not all fit beside the screens: the active one as one button
 * (with the total of what needs the person on every account) that opens a list of all of
 * them, each with its own count. The list is a listbox: ↑ ↓ Home End and a letter move,
 * Enter or Space choose, Escape closes and returns to the button, Tab closes and moves on.
 */
export function AccountPicker({ ref, accounts, attention, menuOf, onChoose }: AccountPickerProps) {
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const own = useRef<HTMLDivElement>(null);
  const whole = ref ?? own;
  const [open, setOpen] = useState<null | 'active' | 'first' | 'last'>(null);
  const presence = useProfiles((state) => state.views);
  const active = accounts.find((account) => account.active) ?? accounts[0];
  const total = accounts.reduce((sum, account) => sum + (attention[account.id]?.total ?? 0), 0);

  usePopover(
    open !== null,
    // Beside the whole picker (over the content), not over its own status and menu buttons.
    whole,
    list,
    () => setOpen(null),
    (popover) => {
      const options = [...popover.querySelectorAll<HTMLElement>('[role="option"]')];
      const at =
        open === 'first' ? 0 : open === 'last' ? options.length - 1 : options.findIndex((option) => option.ariaSelected === 'true');
      options[Math.max(0, at)]?.focus();
    },
  );

  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) button.current?.focus();
  };
  const choose = (account: AccountSummary) => {
    close(true);
    onChoose(account);
  };

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen('active');
    }
  };

  const onListKey = (event: KeyboardEvent) => {
    const options = [...(list.current?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
    const at = options.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      options[Math.min(options.length - 1, Math.max(0, to))]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(at + 1);
      case 'ArrowUp':
        return move(at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(options.length - 1);
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const account = accounts[at];
        return account ? choose(account) : undefined;
      }
      case 'Escape':
        event.preventDefault();
        return close(true);
      case 'Tab':
        // Back on the button first, so the browser's own Tab moves on from there.
        return close(true);
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const starts = (index: number) => nameOf(accounts[index]!).toLowerCase().startsWith(event.key.toLowerCase());
          const indexes = accounts.map((_, index) => index);
          const next = indexes.find((index) => index > at && starts(index)) ?? indexes.find(starts);
          if (next !== undefined) move(next);
        }
    }
  };

  if (!active) return null;
  const statusOf = (account: AccountSummary) => {
    const profile = presence[account.id]?.profile;
    return account.state === 'signed-out' ? undefined : profile ? editableValue(profile, 'statusType') || null : null;
  };
  const avatarOf = (account: AccountSummary) => (
    <Avatar
      accountId={account.id}
      username={account.username}
      etag={presence[account.id]?.profile?.avatarETag}
      name={nameOf(account)}
      presence={statusOf(account)}
    />
  );
  return (
    <div ref={whole} className="account-picker account active" data-testid="account-picker">
      <button
        ref={button}
        type="button"
        className="account-main"
        aria-haspopup="listbox"
        aria-expanded={open !== null}
        aria-controls={listId}
        onClick={() => (open ? close(false) : setOpen('active'))}
        onKeyDown={onButtonKey}
      >
        <span className="visually-hidden">Switch account ({accounts.length} accounts), now </span>
        {avatarOf(active)}
        <AccountText account={active} attention={attention[active.id]} />
        {total > 0 && (
          <>
            <span className="count-badge account-attention" aria-hidden="true" data-testid="accounts-attention-total">
              {total}
            </span>
            <span className="visually-hidden">; on all accounts, {attentionWords(total)}</span>
          </>
        )}
        <span className="picker-chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      {/* Below the name, so the name has the sidebar's whole width. */}
      <div className="account-tools">
        {active.state !== 'signed-out' && <StatusPicker accountId={active.id} />}
        <MenuButton label={`Actions for ${nameOf(active)} on ${active.serverName}`} items={menuOf(active)}>
          <span aria-hidden="true">⋯</span>
        </MenuButton>
      </div>
      {/* A div, not a list: the sidebar's list styles would show it while it is closed. */}
      <div ref={list} id={listId} popover="manual" role="listbox" aria-label="Accounts" className="menu account-list" onKeyDown={onListKey}>
        {/* Only while open: a closed list has nothing for anyone to find. */}
        {open !== null &&
          accounts.map((account) => {
            const count = attention[account.id]?.total ?? 0;
            return (
              <div
                key={account.id}
                role="option"
                tabIndex={-1}
                aria-selected={account.active}
                className="account-option"
                data-testid="account-option"
                onClick={() => choose(account)}
              >
                {avatarOf(account)}
                <AccountText account={account} attention={attention[account.id]} sayEdits={false} />
                {count > 0 && (
                  <>
                    <span className="count-badge account-attention" aria-hidden="true" data-testid="account-attention">
                      {count}
                    </span>
                    <span className="visually-hidden">; {attentionWords(count)}</span>
                  </>
                )}
              </div>
            );
          })}
      </div>
    </div>
  );
}
