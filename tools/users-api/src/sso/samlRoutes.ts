// SAML, as Rocket.Chat's app/meteor-accounts-saml does it:
//   /_saml/authorize/<provider>/<id>  → 302 to the IdP with an AuthnRequest whose ID is <id>
//   IdP → POST /_saml/validate/<provider> → the assertion is stored under a NEW random
//   credentialToken (60 s) → 302 <ROOT_URL>/saml/<token>?saml_idp_credentialToken=<token>
//   (any failure → 302 <ROOT_URL>/, no reason given) → login {saml: true, credentialToken}.
// The token only ever reaches the browser, so an app needs to watch that redirect (RN's WebView
// does). The demo IdP is /_idp/saml/sso. docs/sign-in.md.
import type { App } from '../app';
import type { Reply, RequestContext, RouteDef } from '../http/router';
import { randomId } from '../ids';
import { findSamlProvider } from '../state/loginServices';
import type { UserDoc } from '../state/types';
import { escapeHtml, hiddenField, htmlPage, redirectTo } from './html';
import { DEFAULT_DENY_REASON, field, idpErrorPage, idpSignInPage } from './idpPage';
import { decodeAuthnRequest, decodeResponse, encodeAuthnRequest, encodeResponse } from './samlMessages';

const IDP_ENTITY = 'users-api-demo-idp';

const acsUrl = (app: App, provider: string): string => `${app.rootUrl}/_saml/validate/${provider}`;

/** Users the seed links to SAML (services.saml) that have an address to assert. */
const samlUsers = (app: App): UserDoc[] => app.store.allUsers().filter((u) => u.services.saml !== undefined && u.emails?.[0]);

/** The SAML listener's catch: "there's no way to send an error on a redirect". */
const toHome = (app: App): Reply => redirectTo(`${app.rootUrl}/home`);

function authorize(ctx: RequestContext): Reply {
  const { app } = ctx;
  const provider = ctx.params.provider ?? '';
  const service = findSamlProvider(app, provider);
  const id = ctx.params.credentialToken ?? '';
  if (!service || !id || typeof service.entryPoint !== 'string') return toHome(app);
  const issuer = typeof service.issuer === 'string' ? service.issuer : `${app.rootUrl}/_saml/metadata/${provider}`;
  const request = encodeAuthnRequest({ id, acsUrl: acsUrl(app, provider), issuer }, service.entryPoint, app.clock.date().toISOString());
  const target = new URL(service.entryPoint);
  target.searchParams.set('SAMLRequest', request);
  return redirectTo(target.toString());
}

function validate(ctx: RequestContext): Reply {
  const { app } = ctx;
  const provider = ctx.params.provider ?? '';
  if (!findSamlProvider(app, provider)) return toHome(app);
  const home = redirectTo(`${app.rootUrl}/`);
  const response = decodeResponse(field(ctx.body, 'SAMLResponse'));
  // "Unable to validate response url" / "No user data collected from IdP response."
  if (!response || !response.ok) return home;
  const { assertion } = response;
  if (!assertion.assertionId || !assertion.issuer) return home;
  // SamlUsedAssertions: "An assertion with the same ID cannot be used more than once."
  if (!app.sso.markAssertionUsed(`${assertion.issuer}|${assertion.assertionId}`)) return home;
  const credentialToken = randomId();
  app.sso.storeCredentialToken(credentialToken, {
    profile: {
      provider,
      issuer: assertion.issuer,
      nameID: assertion.nameID,
      inResponseToId: assertion.inResponseTo,
      assertionId: assertion.assertionId,
      ...assertion.attributes,
    },
  });
  // SAMLUtils.getValidationActionRedirectPath: "the saml_idp_credentialToken param is needed by the mobile app".
  return redirectTo(`${app.rootUrl}/saml/${credentialToken}?saml_idp_credentialToken=${credentialToken}`);
}

function idpPage(ctx: RequestContext): Reply {
  const encoded = field(ctx.query, 'SAMLRequest');
  const request = decodeAuthnRequest(encoded);
  if (!request) return idpErrorPage('The SAMLRequest is missing or unreadable.');
  const hidden = { SAMLRequest: encoded, RelayState: field(ctx.query, 'RelayState') };
  return idpSignInPage({
    purpose: `${request.issuer || 'a service provider'} (SAML)`,
    action: '/_idp/saml/sso',
    hidden,
    users: samlUsers(ctx.app),
  });
}

function idpAnswer(ctx: RequestContext): Reply {
  const { app } = ctx;
  const request = decodeAuthnRequest(field(ctx.body, 'SAMLRequest'));
  if (!request) return idpErrorPage('The SAMLRequest is missing or unreadable.');
  const now = app.clock.date().toISOString();
  let samlResponse: string;
  if (field(ctx.body, 'deny')) {
    const message = field(ctx.body, 'reason') || DEFAULT_DENY_REASON;
    samlResponse = encodeResponse(request.id, request.acsUrl, IDP_ENTITY, now, {
      ok: false,
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
      message,
    });
  } else {
    const user = samlUsers(app).find((u) => u._id === field(ctx.body, 'user'));
    const email = user?.emails?.[0]?.address;
    if (!user || !email) return idpErrorPage('Choose one of the listed users.');
    samlResponse = encodeResponse(request.id, request.acsUrl, IDP_ENTITY, now, {
      ok: true,
      assertion: {
        assertionId: `_a${randomId()}`,
        issuer: IDP_ENTITY,
        inResponseTo: request.id,
        nameID: email,
        attributes: { username: user.username ?? '', email, cn: user.name ?? '' },
      },
    });
  }
  // HTTP-POST binding: the browser posts the response to the service provider.
  const body =
    `<form method="post" action="${escapeHtml(request.acsUrl)}">${hiddenField('SAMLResponse', samlResponse)}` +
    `${hiddenField('RelayState', field(ctx.body, 'RelayState'))}<noscript><button type="submit">Continue</button></noscript></form>` +
    `<script>document.forms[0].submit()</script>`;
  return htmlPage('Demo identity provider', body);
}

export const samlRoutes: RouteDef[] = [
  { method: 'GET', path: /^\/_saml\/authorize\/(?<provider>[^/]+)\/(?<credentialToken>[^/]+)$/, handler: authorize },
  { method: 'POST', path: /^\/_saml\/validate\/(?<provider>[^/]+)$/, handler: validate },
  { method: 'GET', path: '/_idp/saml/sso', handler: idpPage },
  { method: 'POST', path: '/_idp/saml/sso', handler: idpAnswer },
  {
    // In Rocket.Chat this is the web app's route, which signs the *browser* in with the token.
    method: 'GET',
    path: /^\/saml\/(?<credentialToken>[^/]+)$/,
    handler: () => htmlPage('Signed in', '<p>Signed in with SAML. Rocket.Chat’s web app would continue here.</p>'),
  },
];
