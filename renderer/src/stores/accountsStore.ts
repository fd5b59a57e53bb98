import { create } from 'zustand';
import type { AccountSummary } from '../../../shared/accountSchemas';
import type { AppError } from '../../../shared/errors';
import { getApi } from '../bridge/api';

interface AccountsState {
  accounts: AccountSummary[];
  activeAccountId: string | null;
  loaded: boolean;
  error: AppError | null;
  /** Account ids with an operation on the way (sign out, remove, switch). */
  busy: Record<string, boolean>;
  load(): Promise<void>;
  switchTo(accountId: string): Promise<void>;
  signOut(accountId: string): Promise<void>;
  remove(accountId: string): Promise<void>;
}

export const useAccounts = create<AccountsState>((set, get) => {
  const run = async (accountId: string, call: () => ReturnType<ReturnType<typeof getApi>['accounts.list']>) => {
    set({ busy: { ...get().busy, [accountId]: true } });
    const result = await call();
    const { [accountId]: _done, ...busy } = get().busy;
    set(result.ok ? { ...result.value, busy, error: null } : { busy, error: result.error });
  };
  return {
    accounts: [],
    activeAccountId: null,
    loaded: false,
    error: null,
    busy: {},
    async load() {
      const result = await getApi()['accounts.list']({});
      set(result.ok ? { ...result.value, loaded: true, error: null } : { loaded: true, error: result.error });
    },
    switchTo: (accountId) => run(accountId, () => getApi()['accounts.switch']({ accountId })),
    signOut: (accountId) => run(accountId, () => getApi()['accounts.signOut']({ accountId })),
    remove: (accountId) => run(accountId, () => getApi()['accounts.remove']({ accountId })),
  };
});

export function activeAccount(state: Pick<AccountsState, 'accounts' | 'activeAccountId'>): AccountSummary | null {
  return state.accounts.find((account) => account.id === state.activeAccountId) ?? null;
}

/** Keeps the store in step with the core's `accounts.changed` events. Returns the unsubscribe. */
export function followAccountChanges(): () => void {
  return getApi().on('accounts.changed', () => void useAccounts.getState().load());
}
