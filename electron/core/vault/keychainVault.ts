import type keytarModule from '@github/keytar';
import type { KeychainStatus } from '../../../shared/contract';
import { VaultUnavailableError, type Vault } from './vault';

type Keytar = Pick<typeof keytarModule, 'getPassword' | 'setPassword' | 'deletePassword' | 'findCredentials'>;

/**
 * keytar's native module, loaded when the keychain is first used rather than when the app
 * starts: it links against libsecret on Linux, and where that library is missing (an
 * AppImage on a bare system) loading fails — the app must still start and say that the
 * keychain is unavailable, never die.
 */
function loadKeytar(): Promise<Keytar> {
  return import('@github/keytar').then((loaded) => ((loaded as { default?: Keytar }).default ?? loaded) as Keytar);
}

/** An account name no entry has: status() looks it up to see the keychain answer. */
const statusProbeAccount = 'account-manager-status-check';

/**
 * The OS keychain through keytar: Keychain on macOS, Credential Vault on Windows,
 * the Secret Service (gnome-keyring, KWallet) on Linux.
 */
export class KeychainVault implements Vault {
  private loading: Promise<Keytar> | null = null;

  constructor(
    private readonly service: string,
    private readonly backend: Keytar | (() => Promise<Keytar>) = loadKeytar,
  ) {}

  async status(): Promise<KeychainStatus> {
    try {
      // A lookup that finds nothing proves the keychain answers without reading any secret.
      // (Listing the service's entries reads every secret, and libsecret hands keytar a null
      // secret for an entry another process deletes meanwhile, which kills the process.)
      await (await this.keytar()).getPassword(this.service, statusProbeAccount);
      return { state: 'available' };
    } catch (error) {
      return { state: 'unavailable', reason: explainKeychainError(error) };
    }
  }

  get(account: string): Promise<string | null> {
    return this.call((keytar) => keytar.getPassword(this.service, account));
  }

  set(account: string, secret: string): Promise<void> {
    return this.call((keytar) => keytar.setPassword(this.service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.call((keytar) => keytar.deletePassword(this.service, account));
  }

  async accounts(): Promise<string[]> {
    const found = await this.call((keytar) => keytar.findCredentials(this.service));
    return found.map((entry) => entry.account);
  }

  /** One load per vault: a library that failed to load stays unavailable until the next start. */
  private keytar(): Promise<Keytar> {
    const { backend } = this;
    this.loading ??= typeof backend === 'function' ? backend() : Promise.resolve(backend);
    return this.loading;
  }

  private async call<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.keytar());
    } catch (error) {
      throw new VaultUnavailableError(explainKeychainError(error));
    }
  }
}

/** Turns the keychain's technical failures into words a person can act on. */
export function explainKeychainError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // A module that failed to load may arrive wrapped: its cause says why.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  if (/libsecret|cannot open shared object|keytar\.node|Module did not self-register|dlopen/i.test(`${text}\n${cause}`)) {
    return 'The app could not load the system keychain library. On Linux, install libsecret (the package libsecret-1-0) and a Secret Service such as GNOME Keyring or KWallet.';
  }
  if (/locked collection|is locked|dismissed|cancel/i.test(text)) {
    return 'The system keychain is locked. Unlock it (for example by signing in to your desktop again) and retry.';
  }
  if (/org\.freedesktop\.secrets|autolaunch D-Bus|DBUS|Secret Service|ServiceUnknown|Could not connect/i.test(text)) {
    return 'No system keychain is running. On Linux, install and start a Secret Service such as GNOME Keyring or KWallet.';
  }
  return `The system keychain did not answer (${text}).`;
}
