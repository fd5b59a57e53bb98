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

  it('removes email addresses, in JSON, in sentences and in addresses, keeping what is around them', () => {
    const body = JSON.stringify({ user: { name: 'Ann', emails: [{ address: 'ann.lee+work@mail.example.co.uk', verified: true }] } });
    expect(redact(body)).toBe('{"user":{"name":"Ann","emails":[{"address":"[email]","verified":true}]}}');
    expect(redact('no account for test.john@test.com on https://chat.example.com')).toBe(
      'no account for [email] on https://chat.example.com',
    );
    expect(redact('GET /api/v1/users.info?email=ann%40x.org&x=ann@x.org')).toBe('GET /api/v1/users.info?email=[email]&x=[email]');
  });

  it('removes header, cookie and query secrets, and bare token-like strings', () => {
    expect(redact(`X-Auth-Token: ${token}`)).toBe('X-Auth-Token: [redacted]');
    expect(redact('x-2fa-code=654321 next')).toBe('x-2fa-code=[redacted] next');
    expect(redact(`Cookie: rc_uid=abc; rc_token=${token}`)).not.toContain(token);
    expect(redact(`GET /avatar/ann?rc_token=${token}&size=64`)).toBe('GET /avatar/ann?rc_token=[redacted]&size=64');
    expect(redact(`sign-in failed password=hunter2 for ann`)).toBe('sign-in failed password=[redacted] for ann');
    expect(redact(`resuming with ${token}`)).toBe('resuming with [redacted]');
  });

  it('removes a secret inside a JSON string, cut off by the logger, or after an auth scheme', () => {
    const nested = JSON.stringify({ body: JSON.stringify({ totp: { login: { ldapPass: 'pw-1' }, code: '654321' } }) });
    expect(redact(nested)).not.toMatch(/pw-1|654321/);
    expect(redact(JSON.stringify({ crowdPassword: 'pw-2-long-enough' }).slice(0, -6))).not.toContain('pw-2');
    expect(redact('Proxy-Authorization: Basic YW5uOnB3LTM=')).toBe('Proxy-Authorization: Basic [redacted]');
    expect(redact('sent Bearer YW5uOnB3LTM= to the proxy')).toBe('sent Bearer [redacted] to the proxy');
  });

  it('removes the password of an address and single sign-on tokens in addresses, keeping the rest', () => {
    expect(redact('via http://ann:pw-4@proxy.corp:3128 now')).toBe('via http://ann:[redacted]@proxy.corp:3128 now');
    expect(redact('pasted https://chat.example.com/saml/Ab12Cd34?saml_idp_credentialToken=Ab12Cd34')).toBe(
      'pasted https://chat.example.com/saml/[redacted]?saml_idp_credentialToken=[redacted]',
    );
    expect(redact('https://cas.example.com/login?service=https%3A%2F%2Fchat.example.com%2F_cas%2FAb12Cd34')).toBe(
      'https://cas.example.com/login?service=https%3A%2F%2Fchat.example.com%2F_cas%2F[redacted]',
    );
    expect(redact('rocketchat://auth?host=x&type=oauth&credentialToken=t1&credentialSecret=s1')).toBe(
      'rocketchat://auth?host=x&type=oauth&credentialToken=[redacted]&credentialSecret=[redacted]',
    );
  });

  it('leaves ordinary messages alone', () => {
    const line = 'internal error on profile.refresh: 127.0.0.1:3000 cannot be reached right now (ECONNREFUSED).';
    expect(redact(line)).toBe(line);
  });
});
