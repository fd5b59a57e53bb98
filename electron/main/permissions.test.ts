import { session } from '../../tests/mocks/electron';
import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions } from './permissions';

describe('denyAllPermissions', () => {
  it('denies every permission request and check', () => {
    denyAllPermissions(session.defaultSession as never);
    const callback = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      session.defaultSession.requestHandler!(null, permission, callback);
      expect(session.defaultSession.checkHandler!(null, permission)).toBe(false);
    }
    expect(callback).toHaveBeenCalledTimes(5);
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true);
  });
});
