// CAS, as Rocket.Chat's server/lib/cas/middleware.ts does it: the browser goes to
// <CAS_login_url>?service=<ROOT_URL>/_cas/<credentialToken> with a token the client chose;
// the CAS server sends it back to /_cas/<credentialToken>?ticket=…; Rocket.Chat validates the
// ticket and stores the CAS username under that token for 60 seconds, then answers a page that
// closes itself. The client finishes with login {cas: {credentialToken}}. A refused or failed
// sign-in stores nothing. The demo CAS server is /_idp/cas/login. docs/sign-in.md.
import type { App } from '../app';
import type { Reply, RequestContext, RouteDef } from '../http/router';
import { randomSecret } from '../ids';
import type { UserDoc } from '../state/types';
import { redirectTo } from './html';
import { DEFAULT_DENY_REASON, field, idpErrorPage, idpSignInPage } from './idpPage';

/** Users the seed links to CAS (services.cas.external_id). */
const casUsers = (app: App): UserDoc[] =>
  app.store.allUsers().filter((u) => typeof (u.services.cas as { external_id?: unknown } | undefined)?.external_id === 'string');

/** A CAS server only serves registered services: here, this server's /_cas/<token>. */
const isRegisteredService = (app: App, service: string): boolean => service.startsWith(`${app.rootUrl}/_cas/`);

const CLOSE_POPUP: Reply = {
  raw: '<html><head><script>window.close()</script></head></html>',
  headers: { 'Content-Type': 'text/html' },
};

function casCallback(ctx: RequestContext): Reply {
  const { app } = ctx;
  const token = ctx.params.credentialToken ?? '';
  // "Got ticket validation request, but CAS is not enabled": nothing is stored.
  if (!app.settings.CAS_enabled) return CLOSE_POPUP;
  // The ticket is validated in-process (CAS 1.0 /validate needs the same service URL).
  const grant = app.sso.redeemGrant(field(ctx.query, 'ticket'), `${app.rootUrl}/_cas/${token}`);
  const user = grant ? app.store.byId(grant.userId) : undefined;
  const username = (user?.services.cas as { external_id?: unknown } | undefined)?.external_id;
  if (typeof username === 'string') app.sso.storeCredentialToken(token, { username });
  return CLOSE_POPUP;
}

export const casRoutes: RouteDef[] = [
  { method: 'GET', path: /^\/_cas\/(?<credentialToken>[^/]+)$/, handler: casCallback },
  {
    method: 'GET',
    path: '/_idp/cas/login',
    handler: (ctx) => {
      const service = field(ctx.query, 'service');
      if (!isRegisteredService(ctx.app, service)) return idpErrorPage('Application not authorized to use CAS.', 403);
      return idpSignInPage({ purpose: 'Rocket.Chat (CAS)', action: '/_idp/cas/login', hidden: { service }, users: casUsers(ctx.app) });
    },
  },
  {
    method: 'POST',
    path: '/_idp/cas/login',
    handler: (ctx) => {
      const service = field(ctx.body, 'service');
      if (!isRegisteredService(ctx.app, service)) return idpErrorPage('Application not authorized to use CAS.', 403);
      // CAS has no way to tell the service about a refusal: the user stays on the CAS page.
      if (field(ctx.body, 'deny')) return idpErrorPage(`Sign-in refused: ${field(ctx.body, 'reason') || DEFAULT_DENY_REASON}`, 403);
      const userId = field(ctx.body, 'user');
      if (!casUsers(ctx.app).some((u) => u._id === userId)) return idpErrorPage('Choose one of the listed users.');
      const ticket = `ST-${randomSecret()}`;
      ctx.app.sso.issueGrant(ticket, { service: 'cas', userId, audience: service });
      const target = new URL(service);
      target.searchParams.set('ticket', ticket);
      return redirectTo(target.toString());
    },
  },
];
