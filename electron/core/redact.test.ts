import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  const token = 'Yq3v0sZlq1cZ4bDrXk3b7JxW9e0PqS2u8a6nT1mHc5E';

  it('removes tokens, passwords, digests and codes from JSON', () => {
    const line = JSON.stringify({
      userId: 'gzvcvpov9G4TxbGFS',
      authToken: token,
      password: { digest: 'ab'.repeat(32), algorithm: 'sha-256' },
      code: '123456',
      codes: ['rx7Kp2Qa'],
    });
    const clean = redact(line);
    for (const secret of [token, 'ab'.repeat(32), '123456', 'rx7Kp2Qa']) expect(clean).not.toContain(secret);
    expect(clean).toContain('gzvcvpov9G4TxbGFS'); // ids stay: they help and are not secret
    expect(clean).toContain('sha-256');
  });

  it('removes header, cookie and query secrets, and bare token-like strings', () => {
    expect(redact(`X-Auth-Token: ${token}`)).toBe('X-Auth-Token: [redacted]');
    expect(redact('x-2fa-code=654321 next')).toBe('x-2fa-code=[redacted] next');
    expect(redact(`Cookie: rc_uid=abc; rc_token=${token}`)).not.toContain(token);
    expect(redact(`GET /avatar/ann?rc_token=${token}&size=64`)).toBe('GET /avatar/ann?rc_token=[redacted]&size=64');
    expect(redact(`sign-in failed password=hunter2 for ann`)).toBe('sign-in failed password=[redacted] for ann');
    expect(redact(`resuming with ${token}`)).toBe('resuming with [redacted]');
  });

  it('leaves ordinary messages alone', () => {
    const line = 'internal error on profile.refresh: 127.0.0.1:3000 cannot be reached right now (ECONNREFUSED).';
    expect(redact(line)).toBe(line);
  });
});
