import type { Credentials } from '../usersApi/usersApiClient';
import { vaultAccount, type Vault } from '../vault/vault';

/**
 * Holds each account's session token: in the OS keychain when remembered, and in
 * memory while the app runs (a session-only token lives nowhere else, and is gone
 * when the app quits). Nothing here ever reaches SQLite, a log or the renderer.
 */
export class SessionKeeper {
  private readonly live = new Map<string, Credentials>();

  constructor(private readonly vault: Vault) {}

  /** The token for an account, loading it from the keychain the first time. */
  async credentials(accountId: string, origin: string, userId: string): Promise<Credentials | null> {
    const cached = this.live.get(accountId);
    if (cached) return cached;
    const token = await this.vault.get(vaultAccount(origin, userId));
    if (!token) return null;
    const credentials = { userId, token };
    this.live.set(accountId, credentials);
    return credentials;
  }

  /** Remembers a new session; `persist` false keeps it in memory only. Throws if the keychain fails. */
  async keep(accountId: string, origin: string, credentials: Credentials, persist: boolean): Promise<void> {
    if (persist) {
      await this.vault.set(vaultAccount(origin, credentials.userId), credentials.token);
    }
    this.live.set(accountId, credentials);
  }

  /** Forgets the session everywhere it was kept (memory first, so a keychain failure still ends it here). */
  async forget(accountId: string, origin: string, userId: string): Promise<void> {
    this.live.delete(accountId);
    await this.vault.delete(vaultAccount(origin, userId));
  }
}
