import type { ExpectedFailure } from '../log/logFailure';
import type { KeychainStatus } from '../../../shared/contract';

/**
 * Where session tokens live. The real one is the OS keychain; tests of other modules
 * use the in-memory one. `account` is `<server origin>#<userId>`.
 * Every method throws VaultUnavailableError when no keychain answers — never falls
 * back to storing the secret anywhere else.
 */
export interface Vault {
  status(): Promise<KeychainStatus>;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when an entry existed and was removed. */
  delete(account: string): Promise<boolean>;
  /** The accounts that have a stored secret (not the secrets). */
  accounts(): Promise<string[]>;
}

export class VaultUnavailableError extends Error implements ExpectedFailure {
  /** A locked or missing keychain is a state of the computer, not a bug. */
  readonly failureKind = 'refused' as const;
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'VaultUnavailableError';
  }
}

export function vaultAccount(origin: string, userId: string): string {
  return `${origin}#${userId}`;
}
