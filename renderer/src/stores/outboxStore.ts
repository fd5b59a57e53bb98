import { create } from 'zustand';
import type { OutboxItem, OutboxView } from '../../../shared/outboxSchemas';
import { getApi } from '../bridge/api';

interface OutboxState {
  views: Record<string, OutboxView>;
  load(accountId: string): Promise<void>;
  /** Puts a view the core just answered with (after an edit, retry, resolve…). */
  put(view: OutboxView): void;
}

export const useOutbox = create<OutboxState>((set, get) => ({
  views: {},
  async load(accountId) {
    const result = await getApi()['outbox.get']({ accountId });
    if (result.ok) get().put(result.value);
  },
  put(view) {
    set({ views: { ...get().views, [view.accountId]: view } });
  },
}));

/** The queued edits of an account by field, for marking the fields they touch. */
export function pendingByField(view: OutboxView | undefined): Record<string, OutboxItem> {
  return Object.fromEntries((view?.items ?? []).map((item) => [item.field, item]));
}

/** Re-reads an account's outbox whenever the core says it changed. */
export function followSyncChanges(): () => void {
  return getApi().on('sync.changed', ({ accountId }) => void useOutbox.getState().load(accountId));
}
