// users.sendConfirmationEmail and users.verifyEmail (§6 "Email verification").
import { asRecord } from '../http/body';
import { notFound, unauthorized } from '../http/envelope';
import { fixedRateLimit, ok } from '../http/router';
import type { RouteDef } from '../http/router';
import { sendVerificationMail } from './emailChange';

export const emailVerificationRoutes: RouteDef[] = [
  {
    method: 'POST',
    path: '/api/v1/users.sendConfirmationEmail',
    auth: 'none',
    rateLimit: fixedRateLimit(1, 60_000),
    handler: (ctx) => {
      // 7.x declared the route authRequired (app/api/server/v1/users.ts); 8.x serves it without a session.
      if (ctx.app.compat === 7 && !ctx.user) throw unauthorized();
      // The validator has made sure of a string `email` (validation/routeParams.ts).
      const email = String(asRecord(ctx.body).email);
      const user = ctx.app.store.byEmailInsensitive(email);
      const entry = user?.emails?.find((e) => e.address.toLowerCase() === email.toLowerCase());
      if (user && entry && !entry.verified) sendVerificationMail(ctx.app, user, entry.address);
      // Always success, whether or not the address is known (§6).
      return ok();
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.verifyEmail',
    auth: 'none',
    handler: (ctx) => {
      const token = asRecord(ctx.body).token;
      const user = ctx.app.store.allUsers().find((u) => u.services.email?.verificationTokens?.some((t) => t.token === token));
      if (!user) throw notFound();
      const tokens = user.services.email?.verificationTokens ?? [];
      const used = tokens.find((t) => t.token === token);
      for (const e of user.emails ?? []) if (e.address.toLowerCase() === used?.address.toLowerCase()) e.verified = true;
      if (user.services.email) user.services.email.verificationTokens = tokens.filter((t) => t.token !== token);
      ctx.app.store.touch(user);
      return ok();
    },
  },
];
