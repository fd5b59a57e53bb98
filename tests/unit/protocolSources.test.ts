import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeParams } from '../../tools/users-api/src/validation/routeParams';

/**
 * docs/protocol.md states facts about Rocket.Chat's server; each must name the Rocket.Chat
 * file it was read in. The rule: in §0–§9, every list item (bullet or numbered, with its
 * continuation lines) and every table row below a header, outside the "**The client**"
 * parts, carries a backticked `apps/…` or `packages/…` path. Every path cited anywhere in
 * the document (and by the reference server's route table) must be one of CONFIRMED_SOURCES,
 * and every confirmed source must still be cited somewhere.
 */

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Files of RocketChat/Rocket.Chat read for docs/protocol.md and tools/users-api, or whose path
 * a file read confirms (an import of it, or a listing of its folder). No network at test
 * time: adding a citation means reading the file first, then listing it here.
 */
const CONFIRMED_SOURCES = [
  'apps/meteor/ee/server/api/sessions.ts',
  'apps/meteor/ee/server/api/v1/middlewares/license.ts',
  'apps/meteor/app/statistics/server/lib/SAUMonitor.ts',
  'packages/core-typings/src/ISession.ts',
  'packages/models/src/models/Sessions.ts',
  'packages/models/src/models/BaseRaw.ts',
  'apps/meteor/server/lib/authorization/constant/permissions.ts',
  'apps/meteor/imports/personal-access-tokens/server/api/methods/generateToken.ts',
  'apps/meteor/server/lib/2fa/code/TOTPCheck.ts',
  'packages/core-typings/src/IUser.ts',
  'apps/meteor/app/custom-oauth/client/CustomOAuth.ts',
  'apps/meteor/server/settings/oauth.ts',
  'apps/meteor/app/gitlab/server/lib.ts',
  'apps/meteor/app/google-oauth/server/index.ts',
  'apps/meteor/app/api/server/helpers/parseJsonQuery.ts',
  'apps/meteor/app/api/server/v1/misc.ts',
  'apps/meteor/app/api/server/v1/users.ts',
  'apps/meteor/app/authentication/server/lib/restrictLoginAttempts.ts',
  'apps/meteor/app/authentication/server/startup/index.ts',
  'apps/meteor/app/authentication/server/startup/index.js',
  'apps/meteor/app/lib/server/lib/loginErrorMessageOverride.ts',
  'apps/meteor/app/lib/server/lib/passwordPolicy.ts',
  'apps/meteor/app/lib/server/lib/PasswordPolicyClass.ts',
  'apps/meteor/app/lib/server/lib/validateEmailDomain.ts',
  'apps/meteor/app/user-status/server/methods/setUserStatus.ts',
  'apps/meteor/server/api/ApiClass.ts',
  'apps/meteor/server/api/default/info.ts',
  'apps/meteor/server/api/lib/getPaginationItems.ts',
  'apps/meteor/server/api/lib/getServerInfo.ts',
  'apps/meteor/server/api/lib/getUploadFormData.ts',
  'apps/meteor/server/api/lib/getUserFromParams.ts',
  'apps/meteor/server/api/lib/getUserInfo.ts',
  'apps/meteor/server/api/lib/parseJsonQuery.ts',
  'apps/meteor/server/api/lib/users.ts',
  'apps/meteor/server/api/v1/middlewares/authenticationHono.ts',
  'apps/meteor/server/api/v1/middlewares/permissions.ts',
  'apps/meteor/server/api/v1/misc.ts',
  'apps/meteor/server/api/v1/settings.ts',
  'apps/meteor/server/api/v1/users.ts',
  'apps/meteor/server/lib/2fa/code/EmailCheck.ts',
  'apps/meteor/server/lib/2fa/code/index.ts',
  'apps/meteor/server/lib/2fa/code/PasswordCheckFallback.ts',
  'apps/meteor/server/lib/2fa/functions/totp.ts',
  'apps/meteor/server/lib/2fa/lib/totp.ts',
  'apps/meteor/server/lib/2fa/loginHandler.ts',
  'apps/meteor/server/lib/shared/validateNameChars.ts',
  'apps/meteor/server/lib/users/getUsernameSuggestion.ts',
  'apps/meteor/server/meteor-methods/platform/requestDataDownload.ts',
  'apps/meteor/server/settings/userDataDownload.ts',
  'packages/rest-typings/src/v1/users/UsersRequestDataDownloadParamsGET.ts',
  // Preferences (§6), read for issue 26.
  'packages/rest-typings/src/v1/users/UsersSetPreferenceParamsPOST.ts',
  'apps/meteor/server/meteor-methods/users/saveUserPreferences.ts',
  'apps/meteor/server/methods/saveUserPreferences.ts',
  'apps/meteor/server/lib/users/checkUsernameAvailability.ts',
  'apps/meteor/server/lib/users/getFullUserData.ts',
  'apps/meteor/server/lib/users/saveCustomFields.ts',
  'apps/meteor/server/lib/users/saveCustomFieldsWithoutValidation.ts',
  'apps/meteor/lib/utils/stringUtils.ts',
  'apps/meteor/server/lib/users/saveUser/validateUserEditing.ts',
  'apps/meteor/server/lib/users/saveUserIdentity.ts',
  'apps/meteor/server/lib/users/setEmail.ts',
  'apps/meteor/server/lib/users/setUserAvatar.ts',
  'apps/meteor/server/lib/users/setUsername.ts',
  'apps/meteor/server/lib/users/validateCustomFields.js',
  'apps/meteor/server/lib/users/validateUsername.ts',
  // Deleting one's own account (§6), read for issue 26.
  'apps/meteor/server/lib/users/deleteUser.ts',
  'apps/meteor/server/lib/rooms/getRoomsWithSingleOwner.ts',
  'apps/meteor/server/lib/users/getUserSingleOwnedRooms.ts',
  'apps/meteor/server/lib/utils/functions/getBaseUserFields.ts',
  'apps/meteor/server/meteor-methods/rooms/browseChannels.ts',
  'apps/meteor/server/meteor-methods/users/deleteUserOwnAccount.ts',
  'apps/meteor/server/meteor-methods/users/saveUserProfile.ts',
  'apps/meteor/server/meteor-methods/users/setEmail.ts',
  'apps/meteor/server/routes/avatar/middlewares/auth.ts',
  'apps/meteor/server/routes/avatar/user.ts',
  'apps/meteor/server/routes/avatar/utils.ts',
  'apps/meteor/server/settings/accounts.ts',
  'packages/http-router/src/Router.ts',
  'packages/models/src/models/Users.ts',
  'packages/rest-typings/src/v1/Ajv.ts',
  'packages/rest-typings/src/v1/users/UsersInfoParamsGet.ts',
  'packages/rest-typings/src/v1/users/UsersListParamsGET.ts',
  'packages/rest-typings/src/v1/users/UsersUpdateOwnBasicInfoParamsPOST.ts',
];

/** A backticked Rocket.Chat path: `apps/…` or `packages/…`, a source file. */
const sourcePath = /`((?:apps|packages)\/[\w./@-]+\.(?:ts|js))`/g;

interface Fact {
  line: number;
  text: string;
}

/** The list items and table rows of §0–§9 that state server facts (see the rule above). */
function serverFacts(markdown: string): Fact[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^## §0\b/.test(line));
  const facts: Fact[] = [];
  let inClientPart = false;
  let current: Fact | undefined;
  let tableRow = 0;
  const close = () => {
    if (current) facts.push(current);
    current = undefined;
  };
  for (let index = Math.max(start, 0); index < lines.length; index++) {
    const line = lines[index]!;
    if (/^#/.test(line)) {
      close();
      inClientPart = false;
      continue;
    }
    if (/^\*\*The client\b/.test(line)) {
      close();
      inClientPart = true;
      continue;
    }
    if (/^\s*\|/.test(line)) {
      close();
      tableRow++;
      const separator = /^\s*\|[\s|:-]+\|\s*$/.test(line);
      if (!inClientPart && !separator && tableRow > 1) facts.push({ line: index + 1, text: line });
      continue;
    }
    tableRow = 0;
    if (/^\s*(?:[-*]|\d+\.)\s/.test(line)) {
      close();
      if (!inClientPart) current = { line: index + 1, text: line };
      continue;
    }
    if (current && /^\s+\S/.test(line)) {
      current.text += `\n${line}`;
      continue;
    }
    close();
  }
  close();
  return facts;
}

const citedIn = (text: string): string[] => [...text.matchAll(sourcePath)].map((match) => match[1]!);

describe('docs/protocol.md names the Rocket.Chat source of every server fact', () => {
  const protocol = fs.readFileSync(path.join(root, 'docs/protocol.md'), 'utf8');

  it('reads items, continuation lines and table rows; skips headers and the client parts', () => {
    const sample = [
      '## §0 Sample',
      '',
      '- A fact (`apps/meteor/server/api/ApiClass.ts`).',
      '- A fact over two lines,',
      '  cited on the second (`packages/http-router/src/Router.ts`).',
      '- An uncited fact.',
      '',
      '  | who | what |',
      '  | --- | ---- |',
      '  | anyone | a row without a source |',
      '',
      '**The client** does its own thing:',
      '',
      '- client behaviour, no source needed',
      '',
      '### Next',
      '',
      '1. A numbered fact.',
    ].join('\n');
    const uncited = serverFacts(sample).filter((fact) => citedIn(fact.text).length === 0);
    expect(uncited.map((fact) => fact.line)).toEqual([6, 10, 18]);
  });

  it('finds the facts of every section', () => {
    const facts = serverFacts(protocol);
    expect(facts.length).toBeGreaterThan(80);
    for (let section = 0; section <= 9; section++) {
      expect(protocol, `§${section}`).toMatch(new RegExp(`^## §${section}\\b`, 'm'));
    }
  });

  it('every server fact of §0–§9 cites a Rocket.Chat file', () => {
    const uncited = serverFacts(protocol).filter((fact) => citedIn(fact.text).length === 0);
    expect(uncited.map((fact) => `docs/protocol.md:${fact.line}: ${fact.text.split('\n')[0]}`)).toEqual([]);
  });

  it('cites only files confirmed in Rocket.Chat, and every confirmed file is still cited', () => {
    const fromDoc = citedIn(protocol);
    const fromServer = Object.values(routeParams).flatMap((params) => params.sources);
    const confirmed = new Set(CONFIRMED_SOURCES);
    expect([...new Set([...fromDoc, ...fromServer])].filter((cited) => !confirmed.has(cited))).toEqual([]);
    const cited = new Set([...fromDoc, ...fromServer]);
    expect(CONFIRMED_SOURCES.filter((source) => !cited.has(source))).toEqual([]);
  });
});
