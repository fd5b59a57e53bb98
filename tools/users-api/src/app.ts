// The shared state every route works on; one App per running server.
import type { Clock } from './clock';
import type { FaultStore } from './dev/faults';
import type { RequestLog } from './dev/requestLog';
import type { LoginBlocker } from './auth/loginBlock';
import type { RateLimiter } from './http/rateLimit';
import type { SsoState } from './sso/ssoState';
import type { Directories } from './state/directories';
import type { LoginService } from './state/types';
import type { Mailer } from './state/mailer';
import type { Settings } from './state/settings';
import type { Store } from './state/store';
import type { Compat, Release } from './release';
import type { Validators } from './validation/load';

export type { Compat } from './release';

export interface App {
  store: Store;
  settings: Settings;
  clock: Clock;
  mailer: Mailer;
  limiter: RateLimiter;
  loginBlocks: LoginBlocker;
  /** permission id → roles holding it (Rocket.Chat's `rocketchat_permissions`). */
  permissions: Record<string, string[]>;
  /** The major line imitated (release.major): most differences are per line. */
  compat: Compat;
  /** The release imitated: routes that appeared in a minor release exist from it on. */
  release: Release;
  dev: boolean;
  /**
   * ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE: on 8.x, `fields` and `query` of list routes are
   * read only with it (7.x reads them always) (apps/meteor/server/api/lib/parseJsonQuery.ts).
   */
  unsafeQueryParams: boolean;
  bcryptRounds: number;
  /** ROOT_URL: used for avatarUrl and the users.getAvatar redirect. */
  rootUrl: string;
  /** The LDAP and Crowd servers this server binds against. */
  directories: Directories;
  /** Seeded login service configurations (settings.oauth). */
  loginServices: LoginService[];
  /** SSO credentials waiting for their login call, and the demo IdP's grants. */
  sso: SsoState;
  faults: FaultStore;
  requestLog: RequestLog;
  /** Rocket.Chat's request validators (validation/published.ts). */
  validators: Validators;
  /** Reloads the seed (POST /_dev/reset). */
  reset(): Promise<void>;
}
