import { describe, expect, it } from 'vitest';
import { MemoryVault } from './memoryVault';
import { VaultUnavailableError } from './vault';

describe('MemoryVault', () => {
  it('behaves like a keychain', async () => {
    const vault = new MemoryVault();
    await vault.set('a', 's');
    expect(await vault.get('a')).toBe('s');
    expect(await vault.accounts()).toEqual(['a']);
    expect(await vault.delete('a')).toBe(true);
    expect(await vault.get('a')).toBeNull();
  });

  it('can play a locked keychain', async () => {
    const vault = new MemoryVault();
    vault.setUnavailable('locked');
    expect(await vault.status()).toEqual({ state: 'unavailable', reason: 'locked' });
    await expect(vault.set('a', 's')).rejects.toBeInstanceOf(VaultUnavailableError);
  });
});
