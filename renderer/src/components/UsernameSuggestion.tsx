import { useState } from 'react';
import { useAccountData } from '../stores/accountDataStore';
import { useAccounts } from '../stores/accountsStore';
import { BusyButton } from './BusyButton';

/**
 * For an account without a username (made by single sign-on, say): it says so, naming the
 * account, and asks the server for a suggestion that goes into the username field. Saving the
 * editor sets it, like any username change.
 */
export function UsernameSuggestion({ accountId, onSuggested }: { accountId: string; onSuggested(username: string): void }) {
  const account = useAccounts((state) => state.accounts.find((candidate) => candidate.id === accountId));
  const suggest = useAccountData((state) => state.suggestUsername);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: string; ok: boolean } | null>(null);
  const who = account ? `${account.username} on ${account.serverName}` : 'This account';

  const ask = async () => {
    setBusy(true);
    setSaid(null);
    const result = await suggest({ accountId });
    setBusy(false);
    if (result.ok) onSuggested(result.value.suggestion);
    setSaid(result.ok ? { text: result.value.message, ok: true } : { text: result.error.message, ok: false });
  };

  return (
    <div className="field" data-testid="username-suggestion">
      <p className="hint">{who} has no username yet. Choose one, or let the server suggest one.</p>
      {/* How it went shows below the button; a click handler has nobody to hand the promise to. */}
      <BusyButton type="button" className="secondary" busy={busy} busyLabel="Asking the server…" onClick={() => void ask()}>
        Suggest a username
      </BusyButton>
      {said && (
        <p className={said.ok ? 'hint' : 'error'} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      )}
    </div>
  );
}
