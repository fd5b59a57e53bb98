// RFC 6238 TOTP computed with node:crypto (§5: SHA-1, 6 digits, 30 s steps,
// base32 secret, ±MaxDelta steps) plus the 12 hashed one-time backup codes.
// Deliberately independent of any OTP library: tests compute codes with otpauth.
import { createHmac } from 'node:crypto';
import { randomBase32, randomId, sha256Hex } from '../ids';

const STEP_SECONDS = 30;
const DIGITS = 6;

export function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = input.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = alphabet.indexOf(char);
    if (index === -1) throw new Error(`invalid base32 character '${char}'`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP with dynamic truncation. */
export function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', key).update(message).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

export function totpAt(secretBase32: string, timeMs: number): string {
  return hotp(base32Decode(secretBase32), Math.floor(timeMs / 1000 / STEP_SECONDS));
}

export function verifyTotp(secretBase32: string, token: string, timeMs: number, window: number): boolean {
  if (!/^\d{6}$/.test(token)) return false;
  let key: Buffer;
  try {
    key = base32Decode(secretBase32);
  } catch {
    return false;
  }
  const counter = Math.floor(timeMs / 1000 / STEP_SECONDS);
  for (let delta = -window; delta <= window; delta++) {
    if (counter + delta >= 0 && hotp(key, counter + delta) === token) return true;
  }
  return false;
}

export const generateTotpSecret = (): string => randomBase32(20);

/** The otpauth label is `Rocket.Chat:<username>` (§5). */
export function otpauthUrl(secret: string, username: string): string {
  const label = encodeURIComponent(`Rocket.Chat:${username}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=Rocket.Chat&algorithm=SHA1&digits=6&period=30`;
}

/** 12 backup codes of 8 characters, stored as SHA-256 hex (§5). */
export function generateBackupCodes(): { codes: string[]; hashed: string[] } {
  const codes = Array.from({ length: 12 }, () => randomId(8));
  return { codes, hashed: codes.map((c) => sha256Hex(c)) };
}
