import keytar from '@github/keytar';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { requireKeychain, secretServiceAvailable } from '../../../tests/support/secretService';
import { explainKeychainError, KeychainVault } from './keychainVault';
import { VaultUnavailableError } from './vault';

const available = await secretServiceAvailable();
if (!available && requireKeychain) {
  throw new Error('No Secret Service answers: run the tests through tools/with-keyring.sh (CI requires the real keychain).');
}

// Outside a keyring session (a developer's plain `vitest`), there is no keychain to test against;
// CI and `npm test` always run inside one, where this never skips.
describe.runIf(available)('KeychainVault against the real Secret Service', () => {
  const service = `account-manager-test-${randomUUID()}`;
  const vault = new KeychainVault(service);

  afterAll(async () => {
    for (const entry of await keytar.findCredentials(service)) {
      await keytar.deletePassword(service, entry.account);
    }
  });

  it('reports the keychain as available', async () => {
    expect(await vault.status()).toEqual({ state: 'available' });
  });

  it('stores, reads, lists and deletes a secret', async () => {
    const account = 'https://chat.example#user1';
    await vault.set(account, 'token-abc');
    expect(await vault.get(account)).toBe('token-abc');
    expect(await keytar.getPassword(service, account)).toBe('token-abc');
    expect(await vault.accounts()).toEqual([account]);
    expect(await vault.delete(account)).toBe(true);
    expect(await vault.get(account)).toBeNull();
    expect(await keytar.findCredentials(service)).toEqual([]);
    expect(await vault.delete(account)).toBe(false);
  });

  it('keeps entries of different accounts apart', async () => {
    await vault.set('https://a.example#u', 'one');
    await vault.set('https://b.example#u', 'two');
    expect(await vault.get('https://a.example#u')).toBe('one');
    expect(await vault.get('https://b.example#u')).toBe('two');
  });
});

describe('KeychainVault when the keychain fails', () => {
  const failing = (message: string) => {
    const reject = () => Promise.reject(new Error(message));
    return { getPassword: reject, setPassword: reject, deletePassword: reject, findCredentials: reject };
  };

  it('reports unavailable with a human reason, and throws VaultUnavailableError on use', async () => {
    const vault = new KeychainVault('svc', failing('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    expect(await vault.status()).toEqual({ state: 'unavailable', reason: expect.stringMatching(/No system keychain is running/) });
    await expect(vault.set('a', 'secret')).rejects.toBeInstanceOf(VaultUnavailableError);
    await expect(vault.get('a')).rejects.toThrow(/No system keychain/);
  });

  it('explains a locked keychain', () => {
    expect(explainKeychainError(new Error('Cannot create an item in a locked collection'))).toMatch(/locked/);
    expect(explainKeychainError('weird')).toMatch(/did not answer \(weird\)/);
  });
});
