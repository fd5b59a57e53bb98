// Which of Rocket.Chat's validators checks each /api route, and how, per release: read from
// the route declarations in Rocket.Chat's source (current line: apps/meteor/server/api/**,
// 7.x: apps/meteor/app/api/server/**). A route without an entry here is a bug (see the test).
import { isAtLeast, type Release } from '../release';
import type { ValidatorName } from './published';

export interface ParamsCheck {
  /**
   * `typed`: the route's `query:`/`body:` option, checked by the router after authentication
   * and before the rate limit, answered without a suffix. `validateParams`: an older route's
   * option, checked after the rate limit, answered as the thrown error `invalid-params`.
   */
  style: 'typed' | 'validateParams';
  on: 'query' | 'body';
  validator: ValidatorName;
}

export interface RouteParams {
  /** The Rocket.Chat files that declare the route: the current one, then the 7.x one when it differs. */
  sources: string[];
  /** What checks a request before the handler in this release; undefined when nothing does. */
  check(release: Release): ParamsCheck | undefined;
}

const API_CLASS = 'apps/meteor/server/api/ApiClass.ts';
const USERS = 'apps/meteor/server/api/v1/users.ts';
const USERS_7 = 'apps/meteor/app/api/server/v1/users.ts';
const MISC = 'apps/meteor/server/api/v1/misc.ts';
const MISC_7 = 'apps/meteor/app/api/server/v1/misc.ts';
const SETTINGS = 'apps/meteor/server/api/v1/settings.ts';
const INFO = 'apps/meteor/server/api/default/info.ts';
const TOTP = 'apps/meteor/server/lib/2fa/functions/totp.ts';
const SESSIONS = 'apps/meteor/ee/server/api/sessions.ts';

const typed = (on: ParamsCheck['on'], validator: ValidatorName): ParamsCheck => ({ style: 'typed', on, validator });
const validateParams = (on: ParamsCheck['on'], validator: ValidatorName): ParamsCheck => ({ style: 'validateParams', on, validator });

/** No validator in any release: the handler checks what it needs. */
const none = (...sources: string[]): RouteParams => ({ sources, check: () => undefined });

/** Typed on the current line; on 7.x the same validator as validateParams, or nothing. */
function typedSince8(sources: string[], on: ParamsCheck['on'], validator: ValidatorName, on7: 'validateParams' | 'nothing'): RouteParams {
  return {
    sources,
    check: (release) => {
      if (release.major > 7) return typed(on, validator);
      return on7 === 'validateParams' ? validateParams(on, validator) : undefined;
    },
  };
}

export const routeParams: Record<string, RouteParams> = {
  // Login and logout are the routes ApiClass adds itself (_initAuth), without a validator.
  'POST /api/v1/login': none(API_CLASS),
  'POST /api/v1/logout': none(API_CLASS),
  'GET /api/v1/me': none(MISC),
  'GET /api/info': none(INFO),
  'GET /api/v1/pw.getPolicy': none(MISC, MISC_7),
  'GET /api/v1/users.info': {
    sources: [USERS, USERS_7],
    check: (release) => {
      if (release.major === 7) return validateParams('query', 'usersInfoBefore86');
      return typed('query', isAtLeast(release, '8.6') ? 'usersInfo' : 'usersInfoBefore86');
    },
  },
  'POST /api/v1/users.updateOwnBasicInfo': typedSince8([USERS, USERS_7], 'body', 'updateOwnBasicInfo', 'validateParams'),
  'POST /api/v1/users.2fa.sendEmailCode': typedSince8([USERS, USERS_7], 'body', 'sendEmailCode', 'nothing'),
  'POST /api/v1/users.2fa.enableEmail': none(USERS, USERS_7),
  'POST /api/v1/users.2fa.disableEmail': none(USERS, USERS_7),
  'POST /api/v1/users.enableTotp': none(TOTP),
  'POST /api/v1/users.validateTotp': typedSince8([TOTP], 'body', 'totpCode', 'nothing'),
  'POST /api/v1/users.disableTotp': typedSince8([TOTP], 'body', 'totpCode', 'nothing'),
  'POST /api/v1/users.regenerateTotpCodes': typedSince8([TOTP], 'body', 'totpCode', 'nothing'),
  'GET /api/v1/users.totpCodesRemaining': none(TOTP),
  // 7.x checks setStatus with Meteor's check() in the handler only; the current line does both.
  'POST /api/v1/users.setStatus': typedSince8([USERS, USERS_7], 'body', 'setStatus', 'nothing'),
  'GET /api/v1/users.getStatus': typedSince8([USERS, USERS_7], 'query', 'getStatus', 'nothing'),
  'GET /api/v1/users.getPresence': typedSince8([USERS, USERS_7], 'query', 'getPresence', 'nothing'),
  'GET /api/v1/users.list': typedSince8([USERS, USERS_7], 'query', 'usersList', 'nothing'),
  'GET /api/v1/users.autocomplete': typedSince8([USERS, USERS_7], 'query', 'autocomplete', 'validateParams'),
  'GET /api/v1/directory': typedSince8([MISC, MISC_7], 'query', 'directory', 'validateParams'),
  'GET /api/v1/users.checkUsernameAvailability': typedSince8([USERS, USERS_7], 'query', 'checkUsernameAvailability', 'validateParams'),
  'POST /api/v1/users.setAvatar': typedSince8([USERS, USERS_7], 'body', 'setAvatar', 'validateParams'),
  'POST /api/v1/users.resetAvatar': typedSince8([USERS, USERS_7], 'body', 'resetAvatar', 'nothing'),
  'GET /api/v1/users.getAvatar': none(USERS, USERS_7),
  'POST /api/v1/users.logoutOtherClients': none(USERS, USERS_7),
  'POST /api/v1/users.logout': typedSince8([USERS, USERS_7], 'body', 'usersLogout', 'validateParams'),
  'POST /api/v1/users.removeOtherTokens': none(USERS, USERS_7),
  'POST /api/v1/users.sendConfirmationEmail': typedSince8([USERS, USERS_7], 'body', 'sendConfirmationEmail', 'validateParams'),
  'POST /api/v1/users.verifyEmail': typedSince8([USERS], 'body', 'verifyEmail', 'nothing'),
  'GET /api/v1/settings.public': { sources: [SETTINGS], check: () => typed('query', 'settingsPublic') },
  'GET /api/v1/settings.oauth': none(SETTINGS),
  'POST /api/v1/users.generatePersonalAccessToken': typedSince8([USERS, USERS_7], 'body', 'generateToken', 'nothing'),
  'POST /api/v1/users.regeneratePersonalAccessToken': typedSince8([USERS, USERS_7], 'body', 'tokenName', 'nothing'),
  'GET /api/v1/users.getPersonalAccessTokens': none(USERS, USERS_7),
  'GET /api/v1/users.getUsernameSuggestion': none(USERS, USERS_7),
  'GET /api/v1/users.requestDataDownload': typedSince8([USERS, USERS_7], 'query', 'requestDataDownload', 'nothing'),
  'POST /api/v1/users.deleteOwnAccount': typedSince8([USERS, USERS_7], 'body', 'deleteOwnAccount', 'nothing'),
  // Declared with validateParams in every line: checked after the rate limit, answered with the suffix.
  'GET /api/v1/sessions/list': { sources: [SESSIONS], check: () => validateParams('query', 'sessionsPaginate') },
  'POST /api/v1/sessions/logout.me': { sources: [SESSIONS], check: () => validateParams('body', 'sessionId') },
  'GET /api/v1/users.getPreferences': none(USERS, USERS_7),
  // The same published validator on both lines: typed on 8.x, validateParams on 7.x.
  'POST /api/v1/users.setPreferences': typedSince8([USERS, USERS_7], 'body', 'setPreferences', 'validateParams'),
  'POST /api/v1/users.removePersonalAccessToken': typedSince8([USERS, USERS_7], 'body', 'tokenName', 'nothing'),
};

/** The check for a route in a release (routes outside /api have none). */
export function paramsCheckFor(method: string, path: string | RegExp, release: Release): ParamsCheck | undefined {
  if (typeof path !== 'string') return undefined;
  return routeParams[`${method} ${path}`]?.check(release);
}
