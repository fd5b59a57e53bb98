import fs from 'node:fs';
import type { Vault } from '../../electron/core/vault/vault';

/**
 * A vault in a JSON file, for tests whose core runs in child processes that are killed:
 * the keychain itself is process-independent, but the crash test should not depend on
 * a Secret Service per child. Never used by the app.
 */
export class FileVault implements Vault {
  constructor(private readonly file: string) {}

  private read(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private write(entries: Record<string, string>): void {
    fs.writeFileSync(`${this.file}.tmp`, JSON.stringify(entries));
    fs.renameSync(`${this.file}.tmp`, this.file);
  }

  status() {
    return Promise.resolve({ state: 'available' as const });
  }

  get(account: string): Promise<string | null> {
    return Promise.resolve(this.read()[account] ?? null);
  }

  set(account: string, secret: string): Promise<void> {
    this.write({ ...this.read(), [account]: secret });
    return Promise.resolve();
  }

  delete(account: string): Promise<boolean> {
    const entries = this.read();
    const had = account in entries;
    delete entries[account];
    this.write(entries);
    return Promise.resolve(had);
  }

  accounts(): Promise<string[]> {
    return Promise.resolve(Object.keys(this.read()));
  }
}
