// The `crowd` login handler (apps/meteor/app/crowd/server/crowd.ts): `{crowd: true, username,
// crowdPassword}`. Local users (no crowd_username) fall back to the local password; a Crowd
// login copies the Crowd password, name, email and active flag onto the user. docs/sign-in.md.
import type { RequestContext } from '../../http/router';
import type { UserDoc } from '../../state/types';
import { hashPassword } from '../password';
import { InternalLoginError } from './loginError';
import type { LoginHandler } from './loginHandler';
import { defaultLogin } from './passwordHandler';

/** CROWD.authenticate's lookup: by email, then username, then crowd_username. */
function findCrowdCandidate(ctx: RequestContext, name: string): UserDoc | undefined {
  const { store } = ctx.app;
  if (name.includes('@')) {
    const byEmail = store.byEmailInsensitive(name);
    if (byEmail) return byEmail;
  }
  return store.byUsernameExact(name) ?? store.allUsers().find((u) => u.crowd_username === name);
}

export const crowdHandler: LoginHandler = async (ctx, args) => {
  if (!args.crowd) return undefined;
  const { app } = ctx;
  const { username, crowdPassword } = args;
  if (!app.settings.CROWD_Enable) return defaultLogin(ctx, username, crowdPassword);
  if (typeof username !== 'string' || !username || typeof crowdPassword !== 'string' || !crowdPassword) {
    // authenticate() returns nothing, the handler *returns* a Meteor.Error and Meteor throws its
    // `error` string: not a Meteor.Error, so the REST login answers 500 (verify).
    throw new InternalLoginError('User is not authorized by crowd');
  }
  const candidate = findCrowdCandidate(ctx, username);
  if (candidate && !candidate.crowd_username) return defaultLogin(ctx, username, crowdPassword);
  const entry = app.directories.crowdAuthenticate(candidate?.crowd_username ?? username, crowdPassword);
  // The Crowd client throws on a refused authentication; the handler swallows it and passes,
  // so Meteor answers "Unrecognized options for login request".
  if (!entry) return undefined;
  // Creating users on first Crowd login is not modelled: seeded entries belong to seeded users.
  if (!candidate) throw new InternalLoginError(`no user for Crowd entry ${entry.name}`);
  candidate.services.password = { bcrypt: await hashPassword(crowdPassword, app.bcryptRounds) };
  delete candidate.requirePasswordChange;
  delete candidate.requirePasswordChangeReason;
  candidate.crowd = true;
  candidate.crowd_username = entry.name;
  if (entry.displayName) candidate.name = entry.displayName;
  if (entry.email) candidate.emails = [{ address: entry.email, verified: true }];
  candidate.active = entry.active;
  app.store.touch(candidate);
  return { type: 'crowd', user: candidate };
};
