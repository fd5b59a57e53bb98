// POST /api/v1/users.updateOwnBasicInfo (§4): schema, then the steps in order.
import type { App } from '../app';
import { hasLoginService } from '../auth/password';
import { isPlainObject } from '../http/body';
import { invalidParamsOld, plain } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RateSpec, RequestContext, RouteDef } from '../http/router';
import { coerceString } from '../http/validate';
import type { UserDoc } from '../state/types';
import { checkCodeForUser } from '../twofactor/gate';
import { meView, rawUserDocument } from '../views/me';
import { changeEmail } from './emailChange';
import { changePassword, saveCustomFields } from './passwordChange';
import type { ProfileData } from './profileSteps';
import { assertEditingAllowed, assertProfileChangeAllowed, saveBioAndNickname, saveIdentity, saveStatus } from './profileSteps';

const DATA_KEYS = ['email', 'name', 'username', 'nickname', 'bio', 'statusType', 'statusText', 'currentPassword', 'newPassword'] as const;

/** AJV-like check of the old-style route schema; the first problem only, as AJV without allErrors. */
function parseBody(body: unknown): { data: ProfileData; customFields?: Record<string, unknown> } {
  const fail = (message: string) => invalidParamsOld([message]);
  if (!isPlainObject(body)) throw fail('must be object');
  if (!('data' in body)) throw fail("must have required property 'data'");
  if (Object.keys(body).some((k) => k !== 'data' && k !== 'customFields')) throw fail('must NOT have additional properties');
  const rawData = body.data;
  if (!isPlainObject(rawData)) throw fail('must be object');
  if (Object.keys(rawData).some((k) => !(DATA_KEYS as readonly string[]).includes(k))) throw fail('must NOT have additional properties');
  const data: ProfileData = {};
  for (const key of DATA_KEYS) {
    const value = coerceString(rawData[key]);
    if (value === false) throw fail('must be string');
    // null means "not sent" for every step.
    if (typeof value === 'string') data[key] = value;
  }
  const customFields = body.customFields;
  if (customFields !== undefined && customFields !== null && !isPlainObject(customFields)) throw fail('must be object');
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
    rateLimit: updateRateLimit,
    handler: async (ctx) => {
      const { app } = ctx;
      const user = caller(ctx);
      const { data, customFields } = parseBody(ctx.body);
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
