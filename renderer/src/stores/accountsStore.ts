import { create } from 'zustand';
import type { AccountList, AccountSummary } from '../../../shared/accountSchemas';
import type { AppError, Result } from '../../../shared/errors';
import { getApi, type ApiSource } from '../bridge/api';
import { createRevisionGate } from '../bridge/revisionGate';

/** The one key of this store's revisions: the account list. */
const list = 'accounts';

interface AccountsState {
  accounts: AccountSummary[];
  activeAccountId: string | null;
  loaded: boolean;
  error: AppError | null;
  /** Account ids with an operation on the way (sign out, remove, switch). */
  busy: Record<string, boolean>;
  /**
   * accountId → the core's words when the server ended its session (`session.ended`). Kept
   * only while that account is signed out: signing in again drops them, so no "session
   * ended" text outlives the session that replaced it.
   */
  endedSessions: Record<string, string>;
  load(): Promise<void>;
  switchTo(accountId: string): Promise<void>;
  signOut(accountId: string): Promise<void>;
  remove(accountId: string): Promise<void>;
  /**
   * Runs a call that changes the list without answering with it (a sign-in): on success
   * the list is read once, and `accounts.changed` events meanwhile wait for that read.
   */
  changeBy<T>(call: () => Promise<Result<T>>): Promise<Result<T>>;
  /** Follows the core's `accounts.changed` and `session.ended` events. Returns the unsubscribe. */
  follow(): () => void;
}

export function createAccountsStore(api: ApiSource) {
  return create<AccountsState>((set, get) => {
    // The gate only asks for a reload; the load keeps its own answer in the store.
    const gate = createRevisionGate(() => void get().load());
    const apply = ({ accounts, activeAccountId }: AccountList) => {
      const signedOut = new Set(accounts.filter((account) => account.state === 'signed-out').map((account) => account.id));
      const endedSessions = Object.fromEntries(Object.entries(get().endedSessions).filter(([id]) => signedOut.has(id)));
      set({ accounts, activeAccountId, loaded: true, error: null, endedSessions });
    };
    const run = async (accountId: string, call: () => Promise<Result<AccountList>>) => {
      set({ busy: { ...get().busy, [accountId]: true } });
      const result = await gate.view(list, call, apply);
      const { [accountId]: _done, ...busy } = get().busy;
      set(result.ok ? { busy, error: null } : { busy, error: result.error });
    };
    return {
      accounts: [],
      activeAccountId: null,
      loaded: false,
      error: null,
      busy: {},
      endedSessions: {},
      async load() {
        const result = await gate.view(list, () => api()['accounts.list']({}), apply);
        if (!result.ok) set({ loaded: true, error: result.error });
      },
      switchTo: (accountId) => run(accountId, () => api()['accounts.switch']({ accountId })),
      signOut: (accountId) => run(accountId, () => api()['accounts.signOut']({ accountId })),
      remove: (accountId) => run(accountId, () => api()['accounts.remove']({ accountId })),
      changeBy: (call) =>
        gate.around(list, async () => {
          const result = await call();
          if (result.ok) await get().load();
          return result;
        }),
      follow() {
        const stops = [
          api().on('accounts.changed', ({ revision }) => gate.changed(list, revision)),
          // The accounts.changed that marked it signed out comes too; these words go with the next list that says signed in.
          api().on('session.ended', ({ accountId, message }) => set({ endedSessions: { ...get().endedSessions, [accountId]: message } })),
        ];
        return () => stops.forEach((stop) => stop());
      },
    };
  });
}

export type AccountsStore = ReturnType<typeof createAccountsStore>;

export const useAccounts = createAccountsStore(getApi);

export function activeAccount(state: Pick<AccountsState, 'accounts' | 'activeAccountId'>): AccountSummary | null {
  return state.accounts.find((account) => account.id === state.activeAccountId) ?? null;
}

/** Keeps the account list in step with the core. Returns the unsubscribe. */
export const followAccountChanges = () => useAccounts.getState().follow();
