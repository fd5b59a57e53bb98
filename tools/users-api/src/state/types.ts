// The server's own model of Rocket.Chat's documents: the user (seed 000: IUser), kept in the
// raw shape so `--compat 7` can leak it exactly as 7.x does (PROTOCOL §4), and a login service.

export type UserStatus = 'online' | 'away' | 'busy' | 'offline';

export interface LoginToken {
  hashedToken: string;
  /** Login tokens: when they were issued (expiry counts from here). Personal access tokens have createdAt instead. */
  when?: Date;
  type?: 'personalAccessToken';
  name?: string;
  createdAt?: Date;
  /** The last 6 characters of a personal access token, shown in its list. */
  lastTokenPart?: string;
  bypassTwoFactor?: boolean;
}

/** Rocket.Chat's `rocketchat_sessions` row for a login, as sessions/list shows it (ISession). */
export interface DeviceSession {
  sessionId: string;
  loginAt: Date;
  ip: string;
  host: string;
  device?: { type: string; name: string; longVersion: string; os: { name: string; version?: string }; version: string };
}

export interface UserEmail {
  address: string;
  verified: boolean;
}

export interface EmailVerificationToken {
  token: string;
  address: string;
  when: Date;
}

export interface UserServices {
  password?: { bcrypt: string };
  passwordHistory?: string[];
  resume?: { loginTokens: LoginToken[] };
  totp?: { enabled: boolean; secret?: string; hashedBackup?: string[]; tempSecret?: string };
  email2fa?: { enabled: boolean; changedAt?: Date };
  emailCode?: { code: string; expire: Date; attempts: number };
  email?: { verificationTokens?: EmailVerificationToken[] };
  /** OAuth services (github, gitlab, google, …) are free-form. */
  [oauth: string]: unknown;
}

export interface UserDoc {
  _id: string;
  createdAt: Date;
  _updatedAt: Date;
  type: string;
  active: boolean;
  roles: string[];
  username?: string;
  name?: string;
  nickname?: string;
  bio?: string;
  emails?: UserEmail[];
  status?: string;
  statusDefault?: string;
  statusConnection?: string;
  statusText?: string;
  statusSource?: string;
  statusExpiresAt?: Date;
  statusLivechat?: string;
  utcOffset?: number;
  language?: string;
  lastLogin?: Date;
  avatarOrigin?: string;
  avatarETag?: string;
  customFields?: Record<string, unknown>;
  settings?: { preferences?: Record<string, unknown>; profile?: Record<string, unknown> };
  requirePasswordChange?: boolean;
  requirePasswordChangeReason?: string;
  freeSwitchExtension?: string;
  importIds?: string[];
  phone?: string;
  reason?: string;
  federated?: boolean;
  banners?: Record<string, unknown>;
  defaultRoom?: string;
  enableAutoAway?: boolean;
  idleTimeLimit?: number;
  oauth?: { authorizedClients: string[] };
  e2e?: { private_key: string; public_key: string };
  /** Set on users that LDAP manages (with services.ldap) and on Crowd users. */
  ldap?: boolean;
  crowd?: boolean;
  crowd_username?: string;
  services: UserServices;
}

export interface Room {
  _id: string;
  t: 'c' | 'p' | 'd';
  name?: string;
  fname?: string;
  teamMain?: boolean;
  federated?: boolean;
  usernames?: string[];
}

export interface Subscription {
  _id: string;
  rid: string;
  userId: string;
  name: string;
  t: 'c' | 'p' | 'd';
  unread: number;
  roles?: string[];
  federated?: boolean;
}

export interface StoredAvatar {
  contentType: string;
  data: Buffer;
  uploadedAt: Date;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  code?: string;
  token?: string;
  sentAt: string;
}

export interface CustomFieldDef {
  type: 'text' | 'select';
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  options?: string[];
  defaultValue?: string;
  /** Shown to anyone in users.info (PROTOCOL §3 "public custom fields"). */
  public?: boolean;
}

/** A login service configuration document (meteor_accounts_loginServiceConfiguration); `service` names it, `secret` is never shown. */
export interface LoginService {
  _id: string;
  service: string;
  [field: string]: unknown;
}
