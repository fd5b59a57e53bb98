// The seed file format (tools/users-api/seed/*.json). Dates are ISO strings;
// passwords are plain and hashed at load — it is demo data.
import type { Settings } from '../state/settings';
import type { Room } from '../state/types';

export interface SeedSubscription {
  _id: string;
  rid: string;
  unread?: number;
  roles?: string[];
  /** Defaults to the room name, or the other member's username for direct messages. */
  name?: string;
}

export interface SeedUser {
  _id: string;
  username?: string;
  name?: string;
  /** Plain password, stored as bcrypt(SHA-256 hex). */
  password?: string;
  /** Turns TOTP on with this base32 secret; backup codes are optional plain codes. */
  totp?: { secret: string; backupCodes?: string[] };
  /** Email 2FA switch (it only applies with a verified address). */
  email2fa?: boolean;
  /** An uploaded avatar. */
  avatar?: { contentType: string; base64: string; uploadedAt?: string };
  subscriptions?: SeedSubscription[];
  /** Pre-issued login tokens (plain), e.g. a personal access token. */
  tokens?: { token: string; type?: 'personalAccessToken'; name?: string; when?: string }[];
  /** OAuth services (github, gitlab, …). */
  services?: Record<string, unknown>;
  /** Any other IUser field: nickname, bio, emails, roles, status, customFields, … */
  [field: string]: unknown;
}

export interface SeedPeople {
  count: number;
  password?: string;
  seed?: number;
}

export interface SeedData {
  settings?: Partial<Settings>;
  /** permission id → roles; merged over the defaults. */
  permissions?: Record<string, string[]>;
  rooms?: Room[];
  users: SeedUser[];
  /** Deterministically generated people for the directory. */
  people?: SeedPeople;
}
