import { describe, expect, it } from 'vitest';
import { sanitizeUser } from './sanitizeUser';

describe('sanitizeUser', () => {
  it('keeps the profile and only the 2FA and password flags of services', () => {
    const raw = {
      _id: 'u1',
      username: 'test.john',
      emails: [{ address: 'test.john@test.com', verified: true }],
      services: {
        password: { bcrypt: '$2b$10$abcdefghijklmnopqrstuv' },
        email2fa: { enabled: true, changedAt: '2023-07-10T16:44:58.546Z' },
        resume: { loginTokens: [{ when: '2023-10-05', hashedToken: 'hashed-token-value' }] },
        totp: { enabled: false, secret: 'JBSWY3DPEHPK3PXP', hashedBackup: ['x'] },
      },
      e2e: { private_key: 'private', public_key: 'public' },
      inviteToken: 'invite',
      customFields: { twitter: '@john' },
    };
    const clean = sanitizeUser(raw);
    expect(clean).toEqual({
      _id: 'u1',
      username: 'test.john',
      emails: [{ address: 'test.john@test.com', verified: true }],
      customFields: { twitter: '@john' },
      services: { totp: { enabled: false }, email2fa: { enabled: true }, password: { exists: true } },
    });
    const text = JSON.stringify(clean);
    for (const secret of ['$2b$10$', 'hashed-token-value', 'JBSWY3DPEHPK3PXP', 'private', 'invite']) {
      expect(text).not.toContain(secret);
    }
  });

  it('reads users.info’s `password: true` form and tolerates a missing services', () => {
    expect(sanitizeUser({ _id: 'u', services: { password: true } }).services).toEqual({
      totp: { enabled: false },
      email2fa: { enabled: false },
      password: { exists: true },
    });
    expect(sanitizeUser({ _id: 'u' })).toEqual({ _id: 'u' });
  });

  it('reads /me’s `password: {exists: false}` as no password (an account that signs in through another service)', () => {
    expect(sanitizeUser({ _id: 'u', services: { password: { exists: false } } }).services).toMatchObject({ password: { exists: false } });
    expect(sanitizeUser({ _id: 'u', services: { password: { exists: true } } }).services).toMatchObject({ password: { exists: true } });
  });

  it('removes token fields wherever they are nested', () => {
    expect(sanitizeUser({ _id: 'u', settings: { deep: [{ hashedToken: 'x', keep: 1 }] } })).toEqual({
      _id: 'u',
      settings: { deep: [{ keep: 1 }] },
    });
  });

  it('keeps a document with nothing to remove as it is, and never changes the one it cleans', () => {
    const listed = { _id: 'u', username: 'ana', emails: [{ address: 'ana@x.example', verified: true }], customFields: { team: 'a' } };
    expect(sanitizeUser(listed)).toBe(listed);
    const raw = { _id: 'u', emails: [{ address: 'a@x.example' }, { address: 'b@x.example', hashedToken: 't' }], profile: { keep: 1 } };
    const copy = structuredClone(raw);
    const clean = sanitizeUser(raw);
    expect(clean).toEqual({ _id: 'u', emails: [{ address: 'a@x.example' }, { address: 'b@x.example' }], profile: { keep: 1 } });
    expect(raw).toEqual(copy);
  });
});
