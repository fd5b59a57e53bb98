// The seed file format (tools/users-api/seed/*.json). Dates are ISO strings;
// passwords are plain and hashed at load — it is demo data.
import type { LoginService } from '../state/types';
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
  tokens?: {
    token: string;
    type?: 'personalAccessToken';
    name?: string;
    when?: string;
    bypassTwoFactor?: boolean;
    /** A login token's device session, as if it had signed in from there at `when` (sessions/list). */
    session?: { userAgent: string; ip: string };
  }[];
  /** An LDAP user: their directory entry (uid defaults to the username). No local password unless `password` is given too. */
  ldap?: { uid?: string; password: string };
  /** A Crowd user: their Crowd entry (username defaults to the username; inactive when active is false). */
  crowd?: { username?: string; password: string; active?: boolean };
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
  /** Login service configurations for settings.oauth (OAuth, SAML); `{ROOT_URL}` expands. CAS comes from the CAS_* settings. */
  loginServices?: LoginService[];
  /** Deterministically generated people for the directory. */
  people?: SeedPeople;
}
