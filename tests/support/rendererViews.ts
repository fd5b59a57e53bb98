import type { AccountList, AccountSummary } from '../../shared/accountSchemas';
import type { OutboxItem, OutboxView } from '../../shared/outboxSchemas';
import type { ProfileView } from '../../shared/profileSchemas';

/** Small, valid views as the core answers them, for the renderer's store tests. */

export function outboxView(accountId: string, revision: number, items: Partial<OutboxItem>[] = []): OutboxView {
  return {
    accountId,
    revision,
    history: [],
    items: items.map((item, index) => ({
      id: index + 1,
      field: 'nickname',
      value: 'nick',
      base: '',
      theirs: null,
      state: 'pending',
      notBefore: null,
      error: null,
      updatedAt: '2025-01-01T00:00:00.000Z',
      ...item,
    })),
  };
}

export function profileView(accountId: string, revision: number, name = 'Demo'): ProfileView {
  return {
    accountId,
    revision,
    profile: { _id: 'u1', username: 'demo', name },
    fetchedAt: '2025-01-01T00:00:00.000Z',
    refreshError: null,
    workspace: { locked: {}, statuses: ['online', 'away', 'busy', 'offline'], lookupUnavailable: {} },
  };
}

export function account(id: string, extra: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id,
    serverId: 's1',
    serverUrl: 'https://chat.example.com',
    serverName: 'chat.example.com',
    userId: `user-${id}`,
    username: id,
    displayName: null,
    state: 'signed-in',
    signedInWith: 'password',
    active: false,
    ...extra,
  };
}

export function accountList(revision: number, ids: string[], activeAccountId: string | null = ids[0] ?? null): AccountList {
  return { revision, activeAccountId, accounts: ids.map((id) => account(id, { active: id === activeAccountId })) };
}
