import { describe, expect, it, vi } from 'vitest';
import { KeychainVault } from './keychainVault';
import { VaultUnavailableError } from './vault';

// What loading keytar does on a Linux without libsecret (an AppImage on a bare system).
vi.mock('@github/keytar', () => {
  throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
});

describe('KeychainVault when keytar’s native library cannot load', () => {
  it('still loads, and says the keychain is unavailable in words that say what to install', async () => {
    const vault = new KeychainVault('svc');
    expect(await vault.status()).toEqual({
      state: 'unavailable',
      reason: expect.stringMatching(/^The app could not load the system keychain library\. On Linux, install libsecret/),
    });
    await expect(vault.get('https://chat.example#u1')).rejects.toBeInstanceOf(VaultUnavailableError);
    await expect(vault.set('https://chat.example#u1', 'token')).rejects.toThrow(/could not load the system keychain library/);
  });
});
