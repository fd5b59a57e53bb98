import type { KeychainStatus } from '../../../shared/contract';
import { VaultUnavailableError, type Vault } from './vault';

/** Same contract as the keychain vault, held in memory: for unit tests of other modules. */
export class MemoryVault implements Vault {
  private readonly secrets = new Map<string, string>();
  private unavailableReason: string | null = null;

  /** Simulate a locked or missing keychain (null makes it available again). */
  setUnavailable(reason: string | null): void {
    this.unavailableReason = reason;
  }

  async status(): Promise<KeychainStatus> {
    return this.unavailableReason === null ? { state: 'available' } : { state: 'unavailable', reason: this.unavailableReason };
  }

  async get(account: string): Promise<string | null> {
    this.check();
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.check();
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    this.check();
    return this.secrets.delete(account);
  }

  async accounts(): Promise<string[]> {
    this.check();
    return [...this.secrets.keys()];
  }

  private check(): void {
    if (this.unavailableReason !== null) {
      throw new VaultUnavailableError(this.unavailableReason);
    }
  }
}
