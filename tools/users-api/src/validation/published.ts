// Rocket.Chat's own request validators: the AJV functions of @rocket.chat/rest-typings 8.8.1
// (a dev dependency of this server only), and the schemas Rocket.Chat's route files compile
// themselves, compiled here with the package's own AJV instances so their messages match.
//
// Load this module only through loadValidators() (./load.ts): the package ships ESM with
// extensionless imports that Node's own loader (Playwright's, for one) cannot resolve.
import { isUsersSetAvatarProps } from '@rocket.chat/rest-typings/dist/v1/users.js';
import { ajv, ajvQuery } from '@rocket.chat/rest-typings/dist/v1/Ajv.js';
import { isDirectoryProps } from '@rocket.chat/rest-typings/dist/v1/misc.js';
import { isSettingsPublicWithPaginationProps } from '@rocket.chat/rest-typings/dist/v1/settings.js';
import { isUserLogoutParamsPOST } from '@rocket.chat/rest-typings/dist/v1/users/UserLogoutParamsPOST.js';
import { isUsersRequestDataDownloadParamsGET } from '@rocket.chat/rest-typings/dist/v1/users/UsersRequestDataDownloadParamsGET.js';
import { isUsersAutocompleteProps } from '@rocket.chat/rest-typings/dist/v1/users/UsersAutocompleteParamsGET.js';
import { isUsersCheckUsernameAvailabilityParamsGET } from '@rocket.chat/rest-typings/dist/v1/users/UsersCheckUsernameAvailabilityParamsGET.js';
import { isUsersGetPresenceParamsGET } from '@rocket.chat/rest-typings/dist/v1/users/UsersGetPresenceParamsGET.js';
import { isUsersGetStatusParamsGET } from '@rocket.chat/rest-typings/dist/v1/users/UsersGetStatusParamsGET.js';
import { isUsersInfoParamsGetProps } from '@rocket.chat/rest-typings/dist/v1/users/UsersInfoParamsGet.js';
import { isUsersListParamsGET } from '@rocket.chat/rest-typings/dist/v1/users/UsersListParamsGET.js';
import { isUsersSetPreferencesParamsPOST } from '@rocket.chat/rest-typings/dist/v1/users/UsersSetPreferenceParamsPOST.js';
import { isUsersSendConfirmationEmailParamsPOST } from '@rocket.chat/rest-typings/dist/v1/users/UsersSendConfirmationEmailParamsPOST.js';
import { isUsersUpdateOwnBasicInfoParamsPOST } from '@rocket.chat/rest-typings/dist/v1/users/UsersUpdateOwnBasicInfoParamsPOST.js';
import type { Validator } from './types';

const str = { type: 'string' } as const;
const userParams = { userId: str, username: str, user: str };

/** An object with these properties and no others. */
const closedObject = (properties: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  properties,
  ...(required.length > 0 && { required }),
  additionalProperties: false,
});

/**
 * users.info before 8.6 knew three lookup keys (rest-typings 7.13.9 and 8.0.0): the published
 * schema without its `email` and `freeSwitchExtension` branches.
 */
function usersInfoWithoutLaterKeys(): Validator {
  const schema = structuredClone(isUsersInfoParamsGetProps.schema) as { anyOf: { required: string[] }[] };
  const later = ['email', 'freeSwitchExtension'];
  schema.anyOf = schema.anyOf.filter((branch) => !branch.required.some((key) => later.includes(key)));
  return ajvQuery.compile(schema);
}

export const publishedValidators = {
  // rest-typings 8.8.1, as the route files import them.
  usersInfo: isUsersInfoParamsGetProps,
  usersInfoBefore86: usersInfoWithoutLaterKeys(),
  updateOwnBasicInfo: isUsersUpdateOwnBasicInfoParamsPOST,
  setAvatar: isUsersSetAvatarProps,
  usersList: isUsersListParamsGET,
  autocomplete: isUsersAutocompleteProps,
  checkUsernameAvailability: isUsersCheckUsernameAvailabilityParamsGET,
  sendConfirmationEmail: isUsersSendConfirmationEmailParamsPOST,
  usersLogout: isUserLogoutParamsPOST,
  getPresence: isUsersGetPresenceParamsGET,
  getStatus: isUsersGetStatusParamsGET,
  directory: isDirectoryProps,
  settingsPublic: isSettingsPublicWithPaginationProps,
  requestDataDownload: isUsersRequestDataDownloadParamsGET,
  setPreferences: isUsersSetPreferencesParamsPOST,
  // Compiled in apps/meteor/server/api/v1/users.ts itself.
  sendEmailCode: ajv.compile(closedObject({ emailOrUsername: str }, ['emailOrUsername'])),
  setStatus: ajv.compile(
    closedObject({
      status: { type: 'string', enum: ['online', 'away', 'offline', 'busy'] },
      message: { type: 'string', nullable: true },
      expiresAt: { type: 'string', nullable: true },
      ...userParams,
    }),
  ),
  resetAvatar: ajv.compile(closedObject(userParams)),
  generateToken: ajv.compile(closedObject({ tokenName: str, bypassTwoFactor: { type: 'boolean', nullable: true } }, ['tokenName'])),
  tokenName: ajv.compile(closedObject({ tokenName: str }, ['tokenName'])),
  deleteOwnAccount: ajv.compile(closedObject({ password: str, confirmRelinquish: { type: 'boolean', nullable: true } }, ['password'])),
  verifyEmail: ajv.compile(closedObject({ token: { type: 'string', minLength: 1 } }, ['token'])),
  // Compiled in apps/meteor/ee/server/api/sessions.ts with its own Ajv({ coerceTypes: true }).
  sessionsPaginate: ajvQuery.compile(closedObject({ offset: { type: 'number' }, count: { type: 'number' }, filter: str, sort: str })),
  sessionId: ajv.compile(closedObject({ sessionId: str }, ['sessionId'])),
  // The 8.8 TOTP routes' file is not in the source read; their changeset documents a body `{ code }`.
  totpCode: ajv.compile({ type: 'object', properties: { code: str }, required: ['code'] }),
} satisfies Record<string, Validator>;

export type ValidatorName = keyof typeof publishedValidators;
