import type { Migration } from '../migration';

/**
 * How each account signed in: a password (local, LDAP or Crowd), single sign-on, or a
 * personal access token. Signing out of an access-token account must not revoke the token
 * on the server (a logout with it deletes it), so the app has to remember which it is.
 */
export const migration007: Migration = {
  version: 7,
  description: 'how each account signed in',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN sign_in_kind TEXT NOT NULL DEFAULT 'password'
        CHECK (sign_in_kind IN ('password', 'single-sign-on', 'access-token'));
    `);
  },
};
