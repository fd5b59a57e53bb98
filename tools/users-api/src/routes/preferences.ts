// users.getPreferences and users.setPreferences (apps/meteor/server/api/v1/users.ts;
// apps/meteor/server/meteor-methods/users/saveUserPreferences.ts;
// packages/models/src/models/Users.ts, setPreferences).
import { hasPermission } from '../auth/permissions';
import { asRecord } from '../http/body';
import { plain, thrown } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RouteDef } from '../http/router';
import type { UserDoc } from '../state/types';

/** What the person set: the stored preferences (no workspace defaults), with the language beside them. */
function preferencesOf(user: UserDoc): Record<string, unknown> {
  return { ...user.settings?.preferences, language: user.language };
}

/**
 * saveUserPreferences: each key sent is set on its own (`settings.preferences.<key>`), the others
 * stay; `language` and `utcOffset` live on the user; `clockMode: 0` removes the key; old email modes
 * are renamed; an idle time under 60 seconds is refused.
 */
function savePreferences(user: UserDoc, data: Record<string, unknown>): void {
  const settings = { ...data };
  if (typeof settings.language === 'string') user.language = settings.language;
  if (typeof settings.utcOffset === 'number') user.utcOffset = settings.utcOffset;
  delete settings.utcOffset;
  if (settings.emailNotificationMode === 'all') settings.emailNotificationMode = 'mentions';
  else if (settings.emailNotificationMode === 'disabled') settings.emailNotificationMode = 'nothing';
  if (typeof settings.idleTimeLimit === 'number' && settings.idleTimeLimit < 60) {
    throw thrown('invalid-idle-time-limit-value', 'Invalid idleTimeLimit');
  }
  const preferences = { ...user.settings?.preferences };
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    if (key === 'clockMode' && Number(value) === 0) delete preferences[key];
    else preferences[key] = value;
  }
  user.settings = { ...user.settings, preferences };
}

export const preferencesRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/v1/users.getPreferences',
    auth: 'required',
    handler: (ctx) => {
      const user = caller(ctx);
      // A user document without `settings` has nothing to answer: i18n's
      // Accounts_Default_User_Preferences_not_available, upper-cased.
      if (!user.settings) throw plain('ACCOUNTS_DEFAULT_USER_PREFERENCES_NOT_AVAILABLE');
      return ok({ preferences: preferencesOf(user) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.setPreferences',
    auth: 'required',
    // No twoFactorRequired: preferences need no second factor.
    handler: (ctx) => {
      const { app } = ctx;
      const body = asRecord(ctx.body);
      const me = caller(ctx);
      const userId = typeof body.userId === 'string' && body.userId !== '' ? body.userId : me._id;
      if (userId !== me._id && !hasPermission(app, me, 'edit-other-user-info')) {
        throw thrown('error-action-not-allowed', 'Editing user is not allowed');
      }
      const target = app.store.byId(userId);
      if (!target) throw thrown('error-invalid-user', 'The optional "userId" param provided does not match any users');
      savePreferences(target, asRecord(body.data));
      app.store.touch(target);
      return ok({ user: { _id: target._id, settings: { preferences: preferencesOf(target) } } });
    },
  },
];
