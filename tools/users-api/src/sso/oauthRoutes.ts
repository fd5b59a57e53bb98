// OAuth: the demo provider's authorize page (/_idp/oauth/authorize) and Rocket.Chat's
// /_oauth/<service> callback (Meteor's oauth_server.js with Rocket.Chat's _endOfLoginResponse
// from app/google-oauth/server/index.ts). With loginStyle "redirect" and a redirectUrl starting
// with rocketchat://auth the browser is sent to
//   rocketchat://auth?host=<ROOT_URL>/&type=oauth&credentialToken=…&credentialSecret=…  (or &error=…)
// which is how a system browser hands the credential to an app. docs/sign-in.md.
import type { App } from '../app';
import type { Reply, RequestContext, RouteDef } from '../http/router';
import { randomSecret } from '../ids';
import { findOAuthService, loginServices } from '../state/loginServices';
import type { LoginService } from '../state/types';
import type { UserDoc } from '../state/types';
import { escapeHtml, htmlPage, redirectTo, scriptJson } from './html';
import { field, idpErrorPage, idpSignInPage } from './idpPage';

const APP_REDIRECT_URL = 'rocketchat://auth';
const STORAGE_PREFIX = 'Meteor.oauth.credentialSecret-';
/** Meteor's isSafe: what Random.id / Random.secret produce. */
const SAFE = /^[a-zA-Z0-9\-_]+$/;

const callbackUrl = (app: App, service: string): string => `${app.rootUrl}/_oauth/${service}`;

/** Users the seed links to this OAuth service (services.<name>.id). */
const usersOf = (app: App, service: string): UserDoc[] =>
  app.store.allUsers().filter((u) => {
    const data = u.services[service];
    return typeof data === 'object' && data !== null && 'id' in data;
  });

/** The provider's client registry: client_id names a configured service and its one redirect URI. */
function clientOf(ctx: RequestContext, params: unknown): { service: LoginService; redirectUri: string } | Reply {
  const clientId = field(params, 'client_id');
  const service = findServiceByClientId(ctx.app, clientId);
  if (!service) return idpErrorPage(`Unknown client_id "${clientId}".`);
  const redirectUri = field(params, 'redirect_uri');
  if (redirectUri !== callbackUrl(ctx.app, service.service))
    return idpErrorPage(`redirect_uri "${redirectUri}" is not registered for this client.`);
  return { service, redirectUri };
}

function findServiceByClientId(app: App, clientId: string): LoginService | undefined {
  return loginServices(app).find((s) => s.service !== 'saml' && s.service !== 'cas' && s.clientId === clientId);
}

const withQuery = (url: string, params: Record<string, string>): string => {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return target.toString();
};

interface OAuthState {
  loginStyle: string;
  credentialToken: string | undefined;
  redirectUrl: unknown;
  isCordova: boolean;
}

/** OAuth._stateFromQuery and friends: base64 JSON, or (old clients) the token itself. */
function stateOf(raw: string): OAuthState {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64').toString('binary')) as Record<string, unknown>;
    return {
      loginStyle: typeof parsed.loginStyle === 'string' ? parsed.loginStyle : 'popup',
      credentialToken: typeof parsed.credentialToken === 'string' ? parsed.credentialToken : undefined,
      redirectUrl: parsed.redirectUrl,
      isCordova: Boolean(parsed.isCordova),
    };
  } catch {
    return { loginStyle: 'popup', credentialToken: raw || undefined, redirectUrl: undefined, isCordova: false };
  }
}

interface EndOfLogin {
  error?: string;
  credentials?: { token: string; secret: string };
}

/** Rocket.Chat's OAuth._endOfLoginResponse (the rocketchat://auth hand-off) and Meteor's templates. */
function endOfLoginResponse(app: App, state: OAuthState, details: EndOfLogin): Reply {
  let { error } = details;
  let redirectUrl: string | undefined;
  if (state.loginStyle === 'redirect') {
    const appHost = `${app.rootUrl}/`;
    const asked = typeof state.redirectUrl === 'string' ? state.redirectUrl : '';
    if (asked.startsWith(APP_REDIRECT_URL)) {
      redirectUrl = `${APP_REDIRECT_URL}?host=${appHost}&type=oauth`;
      if (error) redirectUrl += `&error=${encodeURIComponent(error)}`;
      if (details.credentials)
        redirectUrl += `&credentialToken=${details.credentials.token}&credentialSecret=${details.credentials.secret}`;
    } else if (asked.slice(0, appHost.length) !== appHost) {
      error = `redirectUrl (${asked}) is not on the same host as the app (${appHost})`;
      redirectUrl = appHost;
    } else {
      redirectUrl = asked;
    }
  }
  const credentials = !error ? details.credentials : undefined;
  const config = {
    setCredentialToken: Boolean(credentials),
    credentialToken: credentials?.token,
    credentialSecret: credentials?.secret,
    storagePrefix: STORAGE_PREFIX,
    redirectUrl,
    isCordova: state.isCordova,
  };
  // end_of_redirect_response.js / end_of_popup_response.js, in short.
  const script =
    state.loginStyle === 'redirect'
      ? 'if(c.setCredentialToken){try{sessionStorage[c.storagePrefix+c.credentialToken]=c.credentialSecret}catch(e){}}window.location=c.redirectUrl;'
      : 'if(c.setCredentialToken){if(c.isCordova){window.location.hash=JSON.stringify({credentialToken:c.credentialToken,credentialSecret:c.credentialSecret})}else{try{localStorage[c.storagePrefix+c.credentialToken]=c.credentialSecret}catch(e){}}}if(!c.isCordova){window.close()}';
  const link = redirectUrl ? `<p><a id="continue" href="${escapeHtml(redirectUrl)}">Continue</a></p>` : '';
  const body =
    `<p>${credentials ? 'Login completed.' : 'Login failed.'}</p>${link}` +
    `<script type="application/json" id="config">${scriptJson(config)}</script>` +
    `<script>(function(){var c=JSON.parse(document.getElementById('config').textContent);${script}})();</script>`;
  return htmlPage('Sign in', body);
}

function oauthCallback(ctx: RequestContext): Reply {
  const { app } = ctx;
  const params = ctx.method === 'GET' ? ctx.query : ctx.body;
  const name = ctx.params.service ?? '';
  const state = stateOf(field(params, 'state'));
  if (state.loginStyle !== 'popup' && state.loginStyle !== 'redirect') return idpErrorPage(`Unrecognized login style: ${state.loginStyle}`);
  const service = findOAuthService(app, name);
  if (!service) return endOfLoginResponse(app, state, { error: `Error: Unexpected OAuth service ${name}` });
  // The provider refused (the user denied, or another OAuth error): query.error is passed on as is.
  const providerError = field(params, 'error');
  if (providerError) return endOfLoginResponse(app, state, { error: providerError });
  // The code is redeemed in-process: the stand-in has no token or identity endpoint to call.
  const grant = app.sso.redeemGrant(field(params, 'code'), callbackUrl(app, name));
  const user = grant ? app.store.byId(grant.userId) : undefined;
  const data = user?.services[name] as Record<string, unknown> | undefined;
  if (!grant || !user || !data)
    return endOfLoginResponse(app, state, { error: `Error: Failed to complete OAuth handshake with ${name}. invalid_grant` });
  const token = state.credentialToken;
  if (!token || !SAFE.test(token)) return endOfLoginResponse(app, state, { error: 'invalid_credential_token_or_secret' });
  const secret = randomSecret();
  app.sso.storePendingCredential(
    token,
    {
      serviceName: name,
      serviceData: {
        id: String(data.id),
        ...(user.username && { username: user.username }),
        ...(user.emails?.[0] && { email: user.emails[0].address }),
        ...(user.name && { name: user.name }),
      },
    },
    secret,
  );
  return endOfLoginResponse(app, state, { credentials: { token, secret } });
}

export const oauthRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/_idp/oauth/authorize',
    handler: (ctx) => {
      const client = clientOf(ctx, ctx.query);
      if (!('service' in client)) return client;
      if (ctx.query.response_type !== 'code') return idpErrorPage('Only response_type=code is supported.');
      const hidden = { client_id: field(ctx.query, 'client_id'), redirect_uri: client.redirectUri, state: field(ctx.query, 'state') };
      const purpose = `${String(client.service.buttonLabelText || client.service.service)} (OAuth)`;
      return idpSignInPage({ purpose, action: '/_idp/oauth/authorize', hidden, users: usersOf(ctx.app, client.service.service) });
    },
  },
  {
    method: 'POST',
    path: '/_idp/oauth/authorize',
    handler: (ctx) => {
      const client = clientOf(ctx, ctx.body);
      if (!('service' in client)) return client;
      const state = field(ctx.body, 'state');
      if (field(ctx.body, 'deny')) {
        const reason = field(ctx.body, 'reason');
        return redirectTo(withQuery(client.redirectUri, { error: 'access_denied', ...(reason && { error_description: reason }), state }));
      }
      const userId = field(ctx.body, 'user');
      if (!usersOf(ctx.app, client.service.service).some((u) => u._id === userId)) return idpErrorPage('Choose one of the listed users.');
      const code = randomSecret();
      ctx.app.sso.issueGrant(code, { service: client.service.service, userId, audience: client.redirectUri });
      return redirectTo(withQuery(client.redirectUri, { code, state }));
    },
  },
  { method: 'GET', path: /^\/_oauth\/(?<service>[^/]+)$/, handler: oauthCallback },
  { method: 'POST', path: /^\/_oauth\/(?<service>[^/]+)$/, handler: oauthCallback },
];
