import { accountLabel } from '../../../shared/accountLabel';
import { useAccounts } from './accountsStore';

/** The words naming one account, from the account list every screen shares, so all of them say the same. */
export function useAccountLabel(accountId: string): string {
  return useAccounts((state) => {
    const account = state.accounts.find((candidate) => candidate.id === accountId);
    return account ? accountLabel(account) : 'this account';
  });
}
