import { useEffect } from 'react';
import type { AccountSummary } from '../../../shared/accountSchemas';
import { useConnectivity } from '../stores/connectivityStore';
import { needsAttention, useOutbox } from '../stores/outboxStore';

/** What needs the person on one account. */
export interface Attention {
  /** Edits refused or in conflict. */
  edits: number;
  /** Its server cannot be reached (while signed in). */
  unreachable: boolean;
  /** Each edit to decide on, an ended session, a server out of reach. */
  total: number;
}

/**
 * Every account's attention, read from every account's outbox (loaded here), so an edit
 * refused on an account not on screen still shows beside it.
 */
export function useAccountAttention(accounts: AccountSummary[]): Record<string, Attention> {
  const online = useConnectivity((state) => state.online);
  const outboxes = useOutbox((state) => state.views);
  const loadOutbox = useOutbox((state) => state.load);
  const everyKey = accounts.map((account) => account.id).join(' ');
  useEffect(() => {
    // An effect cannot wait; the store keeps the answer, or its failure, for the screen.
    for (const accountId of everyKey.split(' ').filter(Boolean)) void loadOutbox(accountId);
  }, [everyKey, loadOutbox]);

  const attention: Record<string, Attention> = {};
  for (const account of accounts) {
    const unreachable = account.state !== 'signed-out' && online[account.serverId] === false;
    const edits = needsAttention(outboxes[account.id]);
    attention[account.id] = { edits, unreachable, total: edits + (account.state === 'signed-out' ? 1 : 0) + (unreachable ? 1 : 0) };
  }
  return attention;
}

/** How many things need the person, as a screen reader hears it after an account's name. */
export function attentionWords(count: number): string {
  return count === 1 ? 'one thing needs you' : `${count} things need you`;
}
