import * as z from 'zod';
import type { PasswordKind, SignInOptions, SignInService, SsoKind } from '../../../shared/signInSchemas';
import { passwordLoginBody } from '../usersApi/signInApi';
import type { SignInSettings } from '../usersApi/signInApi';
import { nodeCrypto } from '../nodeBuiltins';

/**
 * What a workspace's public settings say about signing in, turned into what the window
 * offers and what the first requests must look like (docs/sign-in.md). Pure: no network.
 */
export interface WorkspaceSignIn {
  options: SignInOptions;
  /**
   * The server's address as the person added it: where every single sign-on returns and
   * whose credential the app sends there. Never the workspace's own word for it (D60).
   */
  rootUrl: string;
  /** Each offered service with what starting it needs; none when the workspace names another address. */
  services: Map<string, SsoService>;
}

export type SsoService =
  | { kind: 'oauth'; id: string; name: string; authorizeUrl: string; clientId: string; scope: string }
  | { kind: 'saml'; id: string; provider: string }
  | { kind: 'cas'; id: string; loginUrl: string };

/**
 * OAuth providers Rocket.Chat has built in: where each one's sign-in page is and the scope it
 * is asked for, as Rocket.Chat's own clients ask (settings.oauth says neither; docs/protocol.md §9).
 * A provider asked without a scope may refuse (Google does).
 */
const builtInProviders: Record<string, { authorizeUrl(settings: Record<string, unknown>): string | undefined; scope: string }> = {
  github: { authorizeUrl: () => 'https://github.com/login/oauth/authorize', scope: 'user:email' },
  google: { authorizeUrl: () => 'https://accounts.google.com/o/oauth2/v2/auth', scope: 'profile email' },
  // The workspace's own GitLab when API_Gitlab_URL is set, gitlab.com otherwise.
  gitlab: { authorizeUrl: (settings) => joinPath(gitlabUrl(settings), '/oauth/authorize'), scope: 'read_user' },
};

/** Custom OAuth services that set no scope are asked for this one (Rocket.Chat's CustomOAuth default). */
const customDefaultScope = 'openid';

const entrySchema = z.lazy(() =>
  z.looseObject({
    _id: z.string().optional(),
    name: z.string().optional(),
    service: z.string().optional(),
    custom: z.boolean().optional(),
    showButton: z.boolean().optional(),
    buttonLabelText: z.string().optional(),
    clientId: z.string().optional(),
    serverURL: z.string().optional(),
    authorizePath: z.string().optional(),
    scope: z.string().optional(),
    clientConfig: z.looseObject({ provider: z.string().optional() }).optional(),
    login_url: z.string().optional(),
  }),
);

const finishOf: Record<SsoKind, SignInService['finish']> = { oauth: 'link', saml: 'paste', cas: 'poll' };

export function readWorkspaceSignIn(serverId: string, origin: string, { settings, services }: SignInSettings): WorkspaceSignIn {
  const rootUrl = baseUrl(origin) ?? trimSlash(origin);
  // Rocket.Chat hands a single sign-on back to its Site_Url. When that is not the address the
  // person added, the credential would be made for one server and sent to another: a server
  // copying another's settings could replay it there. Single sign-on is then offered only at
  // the address the workspace names, once the person adds it (D60).
  const named = typeof settings.Site_Url === 'string' ? baseUrl(settings.Site_Url) : null;
  const elsewhere = named !== null && named !== rootUrl ? named : undefined;
  const passwordKind: PasswordKind = settings.LDAP_Enable === true ? 'ldap' : settings.CROWD_Enable === true ? 'crowd' : 'local';
  const offered = new Map<string, SsoService>();
  const buttons: SignInService[] = [];
  const offer = (service: SsoService, label: string) => {
    if (offered.has(service.id)) return;
    offered.set(service.id, service);
    buttons.push({ id: service.id, kind: service.kind, label, finish: finishOf[service.kind] });
  };
  for (const raw of elsewhere ? [] : services) {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) continue; // an entry the app cannot read is not offered
    const service = toService(entry.data, rootUrl, settings);
    if (service && entry.data.showButton !== false) offer(service, labelOf(entry.data));
  }
  // CAS may be on without a settings.oauth entry (older servers write one only when enabled).
  if (!elsewhere && settings.CAS_enabled === true && typeof settings.CAS_login_url === 'string' && isHttpUrl(settings.CAS_login_url)) {
    offer({ kind: 'cas', id: 'cas', loginUrl: settings.CAS_login_url }, 'Sign in with CAS');
  }
  return {
    rootUrl,
    services: offered,
    options: {
      serverId,
      passwordForm: settings.Accounts_ShowFormLogin !== false,
      passwordKind,
      services: buttons,
      ...(elsewhere ? { namedAddress: elsewhere } : {}),
    },
  };
}

function toService(entry: z.infer<typeof entrySchema>, rootUrl: string, settings: Record<string, unknown>): SsoService | null {
  const service = entry.service ?? entry.name ?? '';
  if (service === 'saml') {
    const provider = entry.clientConfig?.provider;
    return provider ? { kind: 'saml', id: `saml:${provider}`, provider } : null;
  }
  if (service === 'cas') {
    const loginUrl = entry.login_url ?? (typeof settings.CAS_login_url === 'string' ? settings.CAS_login_url : '');
    return isHttpUrl(loginUrl) ? { kind: 'cas', id: 'cas', loginUrl } : null;
  }
  if (!/^[a-z0-9_-]{1,64}$/i.test(service) || !entry.clientId) return null;
  const builtIn = entry.custom ? undefined : builtInProviders[service];
  const authorizeUrl = entry.custom ? customAuthorizeUrl(entry, rootUrl) : builtIn?.authorizeUrl(settings);
  if (!authorizeUrl) return null; // a provider whose sign-in page the app cannot know
  const scope = entry.custom ? (entry.scope ?? customDefaultScope) : (builtIn?.scope ?? '');
  return { kind: 'oauth', id: `oauth:${service}`, name: service, authorizeUrl, clientId: entry.clientId, scope };
}

/** The workspace's GitLab (API_Gitlab_URL, a public setting), else gitlab.com; undefined when it is not a web address. */
function gitlabUrl(settings: Record<string, unknown>): string | undefined {
  const configured = typeof settings.API_Gitlab_URL === 'string' ? settings.API_Gitlab_URL.trim() : '';
  if (!configured) return 'https://gitlab.com';
  return isHttpUrl(configured) ? trimSlash(configured) : undefined;
}

function joinPath(base: string | undefined, path: string): string | undefined {
  return base === undefined ? undefined : `${base}${path}`;
}

function customAuthorizeUrl(entry: z.infer<typeof entrySchema>, rootUrl: string): string | undefined {
  const path = entry.authorizePath ?? '';
  const url = isHttpUrl(path) ? path : `${trimSlash(entry.serverURL ?? rootUrl)}${path.startsWith('/') ? '' : '/'}${path}`;
  return isHttpUrl(url) ? url : undefined;
}

/**
 * The workspace's own words, said as every other button says them: a label that is only the
 * service's name (CAS's default is "CAS") reads "Sign in with CAS" beside "Sign in with SAML".
 */
function labelOf(entry: z.infer<typeof entrySchema>): string {
  const service = entry.service ?? entry.name ?? 'single sign-on';
  const label = entry.buttonLabelText?.trim() || `${service.charAt(0).toUpperCase()}${service.slice(1)}`;
  return label.toLowerCase() === service.toLowerCase() ? `Sign in with ${label}` : label;
}

/** A fresh credential token: random, URL-safe, long enough that nobody guesses another's. */
export function newCredentialToken(): string {
  return nodeCrypto().randomBytes(32).toString('base64url');
}

/**
 * Where the system browser goes to start a sign-in. OAuth asks the provider to come back
 * through the server's /_oauth/<service> with a redirect-style state whose redirectUrl is
 * rocketchat://auth, the one off-origin return Rocket.Chat allows; SAML starts at the
 * server's /_saml/authorize; CAS at its login page with the server's /_cas/<token> as service.
 */
export function startUrl(service: SsoService, rootUrl: string, credentialToken: string): string {
  switch (service.kind) {
    case 'oauth': {
      const state = Buffer.from(
        JSON.stringify({ loginStyle: 'redirect', credentialToken, isCordova: true, redirectUrl: 'rocketchat://auth' }),
      ).toString('base64');
      const url = new URL(service.authorizeUrl);
      url.searchParams.set('client_id', service.clientId);
      url.searchParams.set('redirect_uri', `${rootUrl}/_oauth/${service.name}`);
      url.searchParams.set('response_type', 'code');
      if (service.scope) url.searchParams.set('scope', service.scope);
      url.searchParams.set('state', state);
      return url.toString();
    }
    case 'saml':
      return `${rootUrl}/_saml/authorize/${encodeURIComponent(service.provider)}/${credentialToken}`;
    case 'cas': {
      const url = new URL(service.loginUrl);
      url.searchParams.set('service', `${rootUrl}/_cas/${credentialToken}`);
      return url.toString();
    }
  }
}

/** The first login request of the password form, for the workspace's kind of password. */
export function passwordBody(kind: PasswordKind, user: string, password: string, digest: string): Record<string, unknown> {
  switch (kind) {
    case 'ldap':
      // LDAP binds with the password itself; a digest cannot bind (docs/sign-in.md §2).
      return { ldap: true, username: user, ldapPass: password, ldapOptions: {} };
    case 'crowd':
      return { crowd: true, username: user, crowdPassword: password };
    case 'local':
      return passwordLoginBody(user, { digest });
  }
}

/** The login that finishes an OAuth sign-in: the pending credential the server stored for our token (docs/sign-in.md §4). */
export function oauthLoginBody(credentialToken: string, credentialSecret: string): Record<string, unknown> {
  return { oauth: { credentialToken, credentialSecret } };
}

/** The login that finishes a SAML sign-in, with the token the server put in the browser's address (docs/sign-in.md §5). */
export function samlLoginBody(credentialToken: string): Record<string, unknown> {
  return { saml: true, credentialToken };
}

/** The login that looks for a CAS sign-in under the token the app chose (docs/sign-in.md §6). */
export function casLoginBody(credentialToken: string): Record<string, unknown> {
  return { cas: { credentialToken } };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** An http(s) address as the app keeps server addresses: scheme, host (and port), path without a trailing slash. */
export function baseUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
