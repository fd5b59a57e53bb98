import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow } from '../../tests/mocks/electron';
import { resetFakeElectron, startTestShell, stopShell } from '../../tests/support/shellHarness';

// keytar's native module cannot load: libsecret is missing (an AppImage on a bare Linux).
vi.mock('@github/keytar', () => {
  throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
});

describe('the shell on a system whose keychain library cannot load', () => {
  beforeEach(() => resetFakeElectron());
  afterEach(() => stopShell());

  it('starts, opens its window, and says the keychain is unavailable', async () => {
    const shell = await startTestShell();
    expect(BrowserWindow.created).toHaveLength(1);
    expect(await shell.call('app.info', {})).toMatchObject({
      ok: true,
      value: { keychain: { state: 'unavailable', reason: expect.stringMatching(/could not load the system keychain library/) } },
    });
  });
});
