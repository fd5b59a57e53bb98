// The single sign-on login handlers: `{cas: {credentialToken}}` (server/lib/cas/loginHandler.ts),
// `{saml: true, credentialToken}` (app/meteor-accounts-saml/server/loginHandler.ts) and
// `{oauth: {credentialToken, credentialSecret}}` (Meteor's accounts-oauth). Each reads what the
// browser leg stored (src/sso). Creating users on a first SSO login is not modelled: the demo
// identity provider only offers users the seed links to it. docs/sign-in.md.
import { isPlainObject } from '../../http/body';
import type { UserDoc } from '../../state/types';
import { LOGIN_CANCELLED, LoginError } from './loginError';
import type { LoginHandler } from './loginHandler';

const serviceOf = (user: UserDoc, name: string): Record<string, unknown> | undefined => {
  const service = user.services[name];
  return isPlainObject(service) ? service : undefined;
};

export const casHandler: LoginHandler = async (ctx, args) => {
  if (!args.cas) return undefined;
  const token = isPlainObject(args.cas) ? args.cas.credentialToken : undefined;
  const userInfo = typeof token === 'string' ? ctx.app.sso.credentialToken(token) : undefined;
  if (!userInfo) throw new LoginError(LOGIN_CANCELLED, 'no matching login attempt found');
  // findExistingCASUser: the user who signed in with this CAS username before.
  const user = ctx.app.store.allUsers().find((u) => serviceOf(u, 'cas')?.external_id === userInfo.username);
  if (!user) throw new LoginError(LOGIN_CANCELLED, 'no matching user account found');
  return { type: 'cas', user };
};

export const samlHandler: LoginHandler = async (ctx, args) => {
  if (!args.saml || typeof args.credentialToken !== 'string' || !args.credentialToken) return undefined;
  const credential = ctx.app.sso.credentialToken(args.credentialToken);
  if (!credential) throw new LoginError(LOGIN_CANCELLED, 'No matching login attempt found');
  const profile = credential.profile;
  if (!isPlainObject(profile)) throw new LoginError(LOGIN_CANCELLED, 'No profile information found');
  // Immutable property "EMail" (the default): the user is found by the asserted address.
  const user = typeof profile.email === 'string' ? ctx.app.store.byEmailInsensitive(profile.email) : undefined;
  if (!user) throw new LoginError(LOGIN_CANCELLED, 'No matching user account found');
  user.services.saml = { ...serviceOf(user, 'saml'), provider: profile.provider, idp: profile.issuer, nameID: profile.nameID };
  return { type: 'saml', user };
};

export const oauthHandler: LoginHandler = async (ctx, args) => {
  if (!args.oauth) return undefined;
  const oauth = args.oauth;
  // check(options.oauth, {credentialToken: String, credentialSecret: Match.Optional(Match.OneOf(null, String))})
  const secretOk = (s: unknown) => s === undefined || s === null || typeof s === 'string';
  if (!isPlainObject(oauth) || typeof oauth.credentialToken !== 'string' || !secretOk(oauth.credentialSecret)) {
    throw new LoginError(400, 'Match failed');
  }
  const secret = typeof oauth.credentialSecret === 'string' ? oauth.credentialSecret : undefined;
  const identity = ctx.app.sso.retrievePendingCredential(oauth.credentialToken, secret);
  if (!identity) throw new LoginError(LOGIN_CANCELLED, 'No matching login attempt found');
  const { serviceName, serviceData } = identity;
  const user = ctx.app.store.allUsers().find((u) => String(serviceOf(u, serviceName)?.id) === serviceData.id);
  if (!user) throw new LoginError(LOGIN_CANCELLED, 'No matching user account found');
  // updateOrCreateUserFromExternalService refreshes the service data.
  user.services[serviceName] = { ...serviceOf(user, serviceName), ...serviceData };
  return { type: 'oauth', user };
};
