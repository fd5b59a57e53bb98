// 2FA routes (§5): users.2fa.sendEmailCode, TOTP enrolment (REST from 8.8), email 2FA on/off.
// The TOTP routes follow apps/meteor/server/lib/2fa/functions/totp.ts: disableTotp answers a
// wrong code with 200 `{disabled: false}`, not with an error.
import { removeOtherLoginTokens } from '../auth/tokens';
import { asRecord } from '../http/body';
import { thrown } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RequestContext, RouteDef } from '../http/router';
import { coerceString } from '../http/validate';
import { sendEmailCode } from '../twofactor/emailCode';
import { verifyTotpOrBackup } from '../twofactor/gate';
import { generateBackupCodes, generateTotpSecret, otpauthUrl, verifyTotp } from '../twofactor/totp';

const invalidTotp = () => thrown('invalid-totp', 'Invalid TOTP provided.');

const codeOf = (ctx: RequestContext): string => {
  const value = coerceString(asRecord(ctx.body).code);
  return typeof value === 'string' ? value.trim() : '';
};

/** The caller's enabled TOTP, after checking the request's code (or a backup code) against it. */
function requireTotpProof(ctx: RequestContext) {
  const user = caller(ctx);
  const totp = user.services.totp;
  if (!totp?.enabled || !verifyTotpOrBackup(ctx.app, user, totp.secret, codeOf(ctx))) throw invalidTotp();
  return totp;
}

/** The release that added the TOTP routes to the REST API (rest-typings 8.8: users.enableTotp and the rest). */
const TOTP_REST = '8.8';

export const twoFactorRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/api/v1/users.2fa.sendEmailCode',
    auth: 'optional',
    handler: async (ctx) => {
      const { app } = ctx;
      const value = asRecord(ctx.body).emailOrUsername;
      // 7.x has no validator here; the current line's refuses a missing field first.
      if ((typeof value !== 'string' || value === '') && app.compat === 7) {
        throw thrown('error-parameter-required', 'emailOrUsername is required');
      }
      // A logged-in caller gets a code for their own account (§5).
      const who = typeof value === 'string' ? value : '';
      const user = ctx.user ?? app.store.byUsernameInsensitive(who) ?? app.store.byEmailInsensitive(who);
      if (user) await sendEmailCode(app, user);
      // Always success, even for unknown users.
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.enableTotp',
    since: TOTP_REST,
    auth: 'required',
    twoFactorRequired: true,
    handler: (ctx) => {
      const user = caller(ctx);
      if (!user.username) throw thrown('error-invalid-user', 'Invalid user');
      if (user.services.totp?.enabled) throw thrown('error-2fa-already-enabled');
      const secret = generateTotpSecret();
      // Like 2fa:enable: TOTP is switched off until the temp secret is validated.
      user.services.totp = { enabled: false, tempSecret: secret };
      ctx.app.store.touch(user);
      return ok({ secret, url: otpauthUrl(secret, user.username ?? user._id) });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.validateTotp',
    since: TOTP_REST,
    auth: 'required',
    twoFactorRequired: true,
    handler: (ctx) => {
      const { app } = ctx;
      const user = caller(ctx);
      const tempSecret = user.services.totp?.tempSecret;
      if (!tempSecret) throw invalidTotp();
      if (!verifyTotp(tempSecret, codeOf(ctx), app.clock.now(), app.settings.Accounts_TwoFactorAuthentication_MaxDelta)) {
        throw invalidTotp();
      }
      const { codes, hashed } = generateBackupCodes();
      user.services.totp = { enabled: true, secret: tempSecret, hashedBackup: hashed };
      removeOtherLoginTokens(app, user, ctx.hashedToken);
      app.store.touch(user);
      return ok({ codes });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.disableTotp',
    since: TOTP_REST,
    auth: 'required',
    handler: (ctx) => {
      const user = caller(ctx);
      const totp = user.services.totp;
      // Not on, or a wrong code: nothing changes, and the answer only says so (`disabled: false`).
      if (!totp?.enabled || !verifyTotpOrBackup(ctx.app, user, totp.secret, codeOf(ctx))) return ok({ disabled: false });
      user.services.totp = { enabled: false };
      ctx.app.store.touch(user);
      return ok({ disabled: true });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.regenerateTotpCodes',
    since: TOTP_REST,
    auth: 'required',
    handler: (ctx) => {
      const user = caller(ctx);
      const totp = requireTotpProof(ctx);
      const { codes, hashed } = generateBackupCodes();
      totp.hashedBackup = hashed;
      ctx.app.store.touch(user);
      return ok({ codes });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.totpCodesRemaining',
    since: TOTP_REST,
    auth: 'required',
    handler: (ctx) => {
      const totp = caller(ctx).services.totp;
      if (!totp?.enabled) throw invalidTotp();
      return ok({ remaining: totp.hashedBackup?.length ?? 0 });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.2fa.enableEmail',
    auth: 'required',
    handler: (ctx) => {
      const user = caller(ctx);
      // Any unverified address refuses it, even beside a verified one; no address at all passes
      // (apps/meteor/server/api/v1/users.ts, users.2fa.enableEmail: emails?.some(!verified)).
      if ((user.emails ?? []).some((e) => !e.verified)) {
        throw thrown('error-invalid-user', 'You need to verify your emails before setting up 2FA', { method: '2fa:enableEmail' });
      }
      user.services.email2fa = { enabled: true, changedAt: ctx.app.clock.date() };
      removeOtherLoginTokens(ctx.app, user, ctx.hashedToken);
      ctx.app.store.touch(user);
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.2fa.disableEmail',
    auth: 'required',
    twoFactorRequired: true,
    handler: (ctx) => {
      const user = caller(ctx);
      user.services.email2fa = { enabled: false, changedAt: ctx.app.clock.date() };
      ctx.app.store.touch(user);
      return ok();
    },
  },
];
