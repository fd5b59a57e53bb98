// Identifiers and digests in the formats Rocket.Chat uses (Meteor's Random).
import { createHash, randomBytes, randomInt } from 'node:crypto';

const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Random.id(): 17 unmistakable characters (user ids, avatarETag, subscription ids). */
export const randomId = (length = 17): string => pick(UNMISTAKABLE, length);

/** Random.secret(): 43 characters; used for login tokens and email verification tokens. */
export const randomSecret = (): string => pick(BASE64URL, 43);

export const randomDigits = (length: number): string => pick('0123456789', length);

export const randomBase32 = (bytes = 20): string => base32Encode(randomBytes(bytes));

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Accounts._hashLoginToken: SHA-256, base64 (PROTOCOL §7). */
export const hashLoginToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64');

export function base32Encode(data: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
