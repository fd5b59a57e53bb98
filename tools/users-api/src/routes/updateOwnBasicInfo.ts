// POST /api/v1/users.updateOwnBasicInfo (§4): the steps in order, once the validator has passed the body.
import type { App } from '../app';
import { hasLoginService } from '../auth/password';
import { asRecord, isPlainObject } from '../http/body';
import { plain } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RateSpec, RequestContext, RouteDef } from '../http/router';
import type { UserDoc } from '../state/types';
import { checkCodeForUser } from '../twofactor/gate';
import { meView, rawUserDocument } from '../views/me';
import { changeEmail } from './emailChange';
import { changePassword, saveCustomFields } from './passwordChange';
import type { ProfileData } from './profileSteps';
import { assertEditingAllowed, assertProfileChangeAllowed, saveBioAndNickname, saveIdentity, saveStatus } from './profileSteps';

const DATA_KEYS = ['email', 'name', 'username', 'nickname', 'bio', 'statusType', 'statusText', 'currentPassword', 'newPassword'] as const;

/**
 * The body as the steps read it. Rocket.Chat's validator has already checked its shape and
 * coerced numbers to strings (validation/routeParams.ts); null means "not sent" for every step.
 */
function readBody(body: unknown): { data: ProfileData; customFields?: Record<string, unknown> } {
  const { data: rawData, customFields } = asRecord(body);
  const data: ProfileData = {};
  for (const key of DATA_KEYS) {
    const value = asRecord(rawData)[key];
    if (typeof value === 'string') data[key] = value;
  }
  return { data, ...(isPlainObject(customFields) && { customFields }) };
}

/** §4 step 1, also after URI decoding. */
function hasInvalidNameCharacters(name: string): boolean {
  const bad = /[<>\\/]/;
  if (bad.test(name)) return true;
  try {
    return bad.test(decodeURIComponent(name));
  } catch {
    return false;
  }
}

/** §4 "When it applies": current code, or 7.x's "email or newPassword non-empty". */
function gateApplies(app: App, user: UserDoc, data: ProfileData): boolean {
  if (app.compat === 7) return Boolean(data.email) || Boolean(data.newPassword);
  const emailGate = Boolean(data.email) && (user.emails?.length ?? 0) > 0;
  const passwordGate = Boolean(data.newPassword) && hasLoginService(user) && !user.requirePasswordChange;
  return emailGate || passwordGate;
}

function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** currentPassword is the code (method `password`); the headers count only without it, and only as a pair. */
async function twoFactorGate(ctx: RequestContext, user: UserDoc, data: ProfileData): Promise<void> {
  let code: string | undefined;
  let method: string | undefined;
  if (data.currentPassword) {
    code = data.currentPassword;
    method = 'password';
  } else {
    const headerCode = header(ctx, 'x-2fa-code');
    const headerMethod = header(ctx, 'x-2fa-method');
    if (headerCode && headerMethod) {
      code = headerCode;
      method = headerMethod;
    }
  }
  // saveUserProfile is wrapped with requireSecondFactor: the password check is forced when no
  // second factor applies, even for someone without a password (who then cannot pass it).
  await checkCodeForUser(ctx.app, user, code, method, { token: ctx.loginToken, requireSecondFactor: true });
}

const updateRateLimit: RateSpec = {
  // Per user rather than per IP: every client of this stand-in shares 127.0.0.1.
  per: 'user',
  rule: (s) =>
    s.UpdateOwnBasicInfo_Rate_Limit_Enabled
      ? { limit: s.UpdateOwnBasicInfo_Rate_Limit_Calls, windowMs: s.UpdateOwnBasicInfo_Rate_Limit_Time }
      : undefined,
};

export const updateOwnBasicInfoRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/api/v1/users.updateOwnBasicInfo',
    auth: 'required',
    // The current line lets an account without a username set one here; 7.x did not (docs/protocol.md §4).
    userWithoutUsername: (app) => app.compat !== 7,
    rateLimit: updateRateLimit,
    handler: async (ctx) => {
      const { app } = ctx;
      const user = caller(ctx);
      const { data, customFields } = readBody(ctx.body);
      if (data.name !== undefined && hasInvalidNameCharacters(data.name)) throw plain('Name contains invalid characters');
      if (gateApplies(app, user, data)) await twoFactorGate(ctx, user, data);
      assertProfileChangeAllowed(app);
      assertEditingAllowed(app, user, data);
      saveIdentity(app, user, data);
      saveStatus(app, user, data);
      saveBioAndNickname(app, user, data);
      if (data.email) changeEmail(app, user, data.email);
      if (data.newPassword) await changePassword(app, user, data.newPassword, ctx.hashedToken);
      if (customFields && Object.keys(customFields).length > 0) saveCustomFields(app, user, customFields);
      // 7.x leaks the raw document (bcrypt hash, resume tokens); 8.x sanitises like /me.
      return ok({ user: app.compat === 7 ? rawUserDocument(app, user) : meView(app, user, { preferences: false }) });
    },
  },
];
