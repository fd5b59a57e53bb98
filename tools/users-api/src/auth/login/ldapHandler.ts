// The `ldap` login handler (apps/meteor/server/configuration/ldap.ts → LDAPManager.login in
// server/lib/ldap/Manager.ts): `{ldap: true, username, ldapPass, ldapOptions}`. A failed search
// or bind falls back to the local password, so local users sign in on LDAP workspaces.
// docs/sign-in.md.
import { hashPassword } from '../password';
import type { LoginHandler } from './loginHandler';
import { InternalLoginError } from './loginError';
import { defaultLogin } from './passwordHandler';

export const ldapHandler: LoginHandler = async (ctx, args) => {
  if (!args.ldap || !args.ldapOptions) return undefined;
  const { app } = ctx;
  const { username, ldapPass } = args;
  if (!app.settings.LDAP_Enable) return defaultLogin(ctx, username, ldapPass);
  // A bind needs a string password: a digest object fails it (and then the fallback, see defaultLogin).
  if (typeof username !== 'string' || typeof ldapPass !== 'string') return defaultLogin(ctx, username, ldapPass);
  const entry = app.directories.ldapBind(username, ldapPass);
  if (!entry) return defaultLogin(ctx, username, ldapPass);
  // Seeded entries belong to seeded users; creating users on first LDAP login is not modelled.
  const user = app.store.byId(entry.userId);
  if (!user) throw new InternalLoginError(`no user for LDAP entry ${entry.uid}`);
  // onLDAPLogin: with the fallback on, each LDAP login stores the LDAP password locally.
  if (app.settings.LDAP_Login_Fallback && ldapPass.trim() !== '') {
    user.services.password = { bcrypt: await hashPassword(ldapPass, app.bcryptRounds) };
  }
  return { type: 'ldap', user };
};
