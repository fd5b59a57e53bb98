import keytar from '@github/keytar';
import type { KeychainStatus } from '../../../shared/contract';
import { VaultUnavailableError, type Vault } from './vault';

type Keytar = Pick<typeof keytar, 'getPassword' | 'setPassword' | 'deletePassword' | 'findCredentials'>;

/**
 * The OS keychain through keytar: Keychain on macOS, Credential Vault on Windows,
 * the Secret Service (gnome-keyring, KWallet) on Linux.
 */
export class KeychainVault implements Vault {
  constructor(
    private readonly service: string,
    private readonly backend: Keytar = keytar,
  ) {}

  async status(): Promise<KeychainStatus> {
    try {
      await this.backend.findCredentials(this.service);
      return { state: 'available' };
    } catch (error) {
      return { state: 'unavailable', reason: explainKeychainError(error) };
    }
  }

  get(account: string): Promise<string | null> {
    return this.call(() => this.backend.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.call(() => this.backend.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.call(() => this.backend.deletePassword(this.service, account));
  }

  async accounts(): Promise<string[]> {
    const found = await this.call(() => this.backend.findCredentials(this.service));
    return found.map((entry) => entry.account);
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new VaultUnavailableError(explainKeychainError(error));
    }
  }
}

/** Turns the keychain's technical failures into words a person can act on. */
export function explainKeychainError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/locked collection|is locked|dismissed|cancel/i.test(text)) {
    return 'The system keychain is locked. Unlock it (for example by signing in to your desktop again) and retry.';
  }
  if (/org\.freedesktop\.secrets|autolaunch D-Bus|DBUS|Secret Service|ServiceUnknown|Could not connect/i.test(text)) {
    return 'No system keychain is running. On Linux, install and start a Secret Service such as GNOME Keyring or KWallet.';
  }
  return `The system keychain did not answer (${text}).`;
}
