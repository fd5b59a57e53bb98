// The server's own RFC 6238 implementation against RFC vectors and otpauth.
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { base32Encode } from '../src/ids';
import { base32Decode, totpAt, verifyTotp } from '../src/twofactor/totp';
import { ROXIE_SECRET, totpCode } from './helpers';

describe('totp', () => {
  it('matches the RFC 6238 SHA-1 vectors (last 6 digits)', () => {
    const secret = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) expect(totpAt(secret, seconds * 1000)).toBe(code.slice(-6));
  });

  it('agrees with otpauth, and accepts ±1 step only', () => {
    for (let i = 0; i < 50; i++) {
      const t = 1_700_000_000_000 + i * 7_777_777;
      expect(totpAt(ROXIE_SECRET, t)).toBe(totpCode(ROXIE_SECRET, t));
      expect(verifyTotp(ROXIE_SECRET, totpCode(ROXIE_SECRET, t - 30_000), t, 1)).toBe(true);
      expect(verifyTotp(ROXIE_SECRET, totpCode(ROXIE_SECRET, t + 30_000), t, 1)).toBe(true);
    }
    const t = 1_700_000_000_000;
    const twoAway = totpCode(ROXIE_SECRET, t - 60_000);
    const near = [-30_000, 0, 30_000].map((d) => totpCode(ROXIE_SECRET, t + d));
    if (!near.includes(twoAway)) expect(verifyTotp(ROXIE_SECRET, twoAway, t, 1)).toBe(false);
    expect(verifyTotp(ROXIE_SECRET, 'abcdef', t, 1)).toBe(false);
  });

  it('decodes base32 like otpauth', () => {
    const secret = new OTPAuth.Secret({ size: 20 });
    expect(base32Decode(secret.base32)).toEqual(Buffer.from(secret.bytes));
    expect(base32Decode('jbsw y3dp-ehpk3pxp')).toEqual(Buffer.from(OTPAuth.Secret.fromBase32(ROXIE_SECRET).bytes));
  });
});
