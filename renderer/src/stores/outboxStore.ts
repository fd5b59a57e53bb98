import { create } from 'zustand';
import type { ChannelRequest, ChannelResult } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import type { OutboxItem, OutboxView } from '../../../shared/outboxSchemas';
import type { StatusType } from '../../../shared/profileEdits';
import { getApi, type ApiSource } from '../bridge/api';
import { createRevisionGate } from '../bridge/revisionGate';

type ViewResult = Result<OutboxView>;

interface OutboxState {
  /** accountId → its queued edits and their history. */
  views: Record<string, OutboxView>;
  load(accountId: string): Promise<void>;
  /** Queues profile edits; the answer is the outbox with them in it. */
  edit(accountId: string, changes: ChannelRequest<'profile.edit'>['changes']): Promise<ChannelResult<'profile.edit'>>;
  setStatus(accountId: string, status: StatusType, text: string): Promise<ViewResult>;
  retry(accountId: string, itemId: number): Promise<ViewResult>;
  discard(accountId: string, itemId: number): Promise<ViewResult>;
  resolve(accountId: string, itemId: number, keep: 'mine' | 'theirs'): Promise<ViewResult>;
  /** Follows the core's `sync.changed` events. Returns the unsubscribe. */
  follow(): () => void;
}

/**
 * Each account's outbox. Every action answers with the new outbox, applied once; the
 * `sync.changed` that the same action announced is then not read again (revisionGate).
 */
export function createOutboxStore(api: ApiSource) {
  return create<OutboxState>((set, get) => {
    // The gate only asks for a reload; the load keeps its own answer in the store.
    const gate = createRevisionGate((accountId) => void get().load(accountId));
    const put = (view: OutboxView) => set({ views: { ...get().views, [view.accountId]: view } });
    const change = (accountId: string, call: () => Promise<ViewResult>) => gate.view(accountId, call, put);
    return {
      views: {},
      async load(accountId) {
        await change(accountId, () => api()['outbox.get']({ accountId }));
      },
      edit: (accountId, changes) => change(accountId, () => api()['profile.edit']({ accountId, changes })),
      setStatus: (accountId, status, text) => change(accountId, () => api()['profile.setStatus']({ accountId, status, text })),
      retry: (accountId, itemId) => change(accountId, () => api()['outbox.retry']({ accountId, itemId })),
      discard: (accountId, itemId) => change(accountId, () => api()['outbox.discard']({ accountId, itemId })),
      resolve: (accountId, itemId, keep) => change(accountId, () => api()['outbox.resolve']({ accountId, itemId, keep })),
      follow: () => api().on('sync.changed', ({ accountId, revision }) => gate.changed(accountId, revision)),
    };
  });
}

export const useOutbox = createOutboxStore(getApi);

/** The queued edits of an account by field, for marking the fields they touch. */
export function pendingByField(view: OutboxView | undefined): Record<string, OutboxItem> {
  return Object.fromEntries((view?.items ?? []).map((item) => [item.field, item]));
}

/** How many edits wait for the person: a conflict to decide, or an edit the server refused. */
export function needsAttention(view: OutboxView | undefined): number {
  return (view?.items ?? []).filter((item) => item.state === 'conflict' || item.state === 'failed').length;
}

/** Keeps every account's outbox in step with the core. Returns the unsubscribe. */
export const followSyncChanges = () => useOutbox.getState().follow();
