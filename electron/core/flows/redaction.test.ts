import { TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { challengeIdOf, signInThroughCore } from '../../../tests/support/coreSignIn';
import { call, callFailure, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { demo, startTestServer, totpCode, type TestServer } from '../../../tests/support/usersApiServer';
import { newCredentialToken, oauthLoginBody, passwordBody, samlLoginBody, casLoginBody, startUrl } from '../accounts/workspaceSignIn';
import { createCore, type Core } from '../createCore';
import { logLine } from '../log/logLine';
import { Logger } from '../log/logger';
import { nodeCrypto } from '../nodeBuiltins';
import { redact } from '../redact';
import { passwordDigest } from '../usersApi/authApi';
import { loginBody } from '../usersApi/signInApi';
import { proxyForUrl, readProxyEnvironment } from '../usersApi/transport/proxyEnvironment';
import { MemoryVault } from '../vault/memoryVault';

/**
 * Every secret the client sends or is handed must be gone from a log line, whatever shape
 * the line has: the thing as JSON, and as the logger writes a message with an error. The
 * bodies, headers and addresses come from the client's own builders, or are recorded on
 * their way to the reference server, never typed here.
 */
function expectRedacted(what: unknown, secrets: readonly string[]): void {
  const lines: string[] = [];
  const log = new Logger({ sink: (entry) => lines.push(logLine(entry)), level: 'debug' }).child('sign-in');
  const json = JSON.stringify(what);
  log.warn(`sending ${json}`, new Error(JSON.stringify({ request: json })));
  if (isExchange(what)) {
    // Headers as a person would paste them from a network trace: one "Name: value" a line.
    const headers = Object.entries(what.headers).map(([name, text]) => `${name}: ${text}`);
    log.warn(`${what.method} ${what.url}\n${headers.join('\n')}\n\n${what.body ?? ''}`, new Error(what.reply));
  } else if (typeof what === 'string') {
    log.warn(`opening ${what}`);
  }
  for (const secret of secrets) {
    expect(redact(json), `redact(JSON) of ${json.slice(0, 120)}`).not.toContain(secret);
    for (const line of lines) expect(line, `log line ${line.slice(0, 160)}`).not.toContain(secret);
  }
}

interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  reply: string;
}

function isExchange(what: unknown): what is Exchange {
  return typeof what === 'object' && what !== null && 'headers' in what && 'reply' in what;
}

const randomText = (bytes: number) => nodeCrypto().randomBytes(bytes).toString('base64url');

describe('redaction of what the client builds', () => {
  it('sign-in bodies of every kind, first and with a second factor in either place, and the SSO credentials', () => {
    const password = `pw-${randomText(6)}`;
    const digest = passwordDigest(password);
    const code = String(100_000 + nodeCrypto().randomInt(900_000));
    const bodies = [
      passwordBody('local', 'ann', password, digest),
      passwordBody('ldap', 'ann', password, digest),
      passwordBody('crowd', 'ann', password, digest),
    ];
    // Rocket.Chat makes SAML tokens of 17 characters: too short to look like a token by length alone.
    const [oauthToken, oauthSecret, samlToken, casToken] = [newCredentialToken(), newCredentialToken(), randomText(12), randomText(12)];
    const sso = [oauthLoginBody(oauthToken, oauthSecret), samlLoginBody(samlToken), casLoginBody(casToken)];
    const secrets = [password, digest, code, oauthToken, oauthSecret, samlToken, casToken];
    for (const body of [...bodies, ...sso]) {
      expectRedacted(body, secrets);
      expectRedacted(loginBody(body, { value: code, placement: 'in-body' }), secrets);
      expectRedacted(loginBody(body, { value: code, placement: 'wrapped' }), secrets);
    }
  });

  it('where the browser is sent to start a sign-in, and the address SAML ends on', () => {
    const origin = 'https://chat.example.com';
    const token = randomText(12);
    const urls = [
      startUrl({ kind: 'cas', id: 'cas', loginUrl: 'https://cas.example.com/cas/login' }, origin, token),
      startUrl({ kind: 'saml', id: 'saml:idp', provider: 'idp' }, origin, token),
      // The address the person pastes after a SAML sign-in (docs/sign-in.md §5).
      `${origin}/saml/${token}?saml_idp_credentialToken=${token}`,
    ];
    for (const url of urls) expectRedacted(url, [token]);
  });

  it('a proxy address with a sign-in, the header the proxy is given, and the sign-in as the keychain keeps it', () => {
    const [user, password] = ['ann', `proxy-${randomText(6)}`];
    const env = { HTTPS_PROXY: `http://${user}:${encodeURIComponent(password)}@proxy.corp.example:3128` };
    const proxy = proxyForUrl(readProxyEnvironment(env), new URL('https://chat.example.com'))!;
    expect(decodeURIComponent(proxy.password)).toBe(password);
    const basic = Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64');
    expectRedacted(proxy.href, [password]);
    expectRedacted({ 'Proxy-Authorization': `Basic ${basic}` }, [password, basic]);
    expectRedacted(`Proxy-Authorization: Basic ${basic}`, [password, basic]);
    expectRedacted(`Authorization: Bearer ${basic}`, [basic]);
    expectRedacted({ username: user, password }, [password]);
  });
});

describe('redaction of what the client sends and is answered, recorded on the way', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let server: TestServer;
  let core: Core;
  let exchanges: Exchange[];

  beforeEach(async () => {
    temp = makeTempDir();
    server = await startTestServer();
    exchanges = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const reply = response.headers.get('content-type')?.includes('json') ? await response.clone().text() : '';
      const body = typeof init?.body === 'string' ? init.body : undefined;
      exchanges.push({ method: init?.method ?? 'GET', url: String(input), headers, ...(body ? { body } : {}), reply });
      return response;
    };
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1', shell: 'test', fetch: recording });
  });
  afterEach(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('sessions, access tokens, second factors, password changes and authenticator setup leave nothing in a log line', async () => {
    const secrets = new Set<string>();
    const typed = (secret: string) => (secrets.add(secret), secret);
    const withDigest = (password: string) => (secrets.add(passwordDigest(password)), typed(password));

    // A local password, then an authenticator set up with it, its code, its backup codes.
    const accountId = await signInThroughCore(core, server.url, demo.plain.user, withDigest(demo.plain.password));
    const proof = { currentPassword: demo.plain.password };
    const setup = await call(core, 'security.startTotp', { accountId, proof });
    typed(setup.secret);
    const totp = new TOTP({ secret: setup.secret, digits: 6, period: 30, algorithm: 'SHA1' });
    const confirmed = await call(core, 'security.confirmTotp', { accountId, code: typed(totp.generate()), proof });
    confirmed.backupCodes.forEach(typed);
    // A password change proven by the authenticator (x-2fa headers), then one proven by the password (currentPassword).
    const second = withDigest(`demo-${randomText(6)}-2`);
    await call(core, 'security.changePassword', { accountId, newPassword: second, proof: { code: typed(totp.generate()) } });
    await call(core, 'security.disableTotp', { accountId, code: typed(totp.generate()) });
    await call(core, 'security.changePassword', {
      accountId,
      newPassword: withDigest(`demo-${randomText(6)}-3`),
      proof: { currentPassword: second },
    });

    // An emailed code at sign-in; an LDAP password with a code wrapped around it; a Crowd password.
    const { id: serverId } = await call(core, 'servers.add', { url: server.url });
    const emailChallenge = challengeIdOf(
      await callFailure(core, 'accounts.signIn', {
        serverId,
        user: demo.email2fa.user,
        password: withDigest(demo.email2fa.password),
      }),
    );
    await call(core, 'accounts.answerTwoFactor', {
      challengeId: emailChallenge,
      code: typed(await server.latestEmailCode(demo.email2fa.email)),
    });
    await server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify({ LDAP_Enable: true }) });
    await server.dev('/_dev/users/LenaLdapUser4Kx7Q', { method: 'POST', body: JSON.stringify({ totpSecret: demo.totp.secret }) });
    await callResult(core, 'servers.signInOptions', { serverId });
    const ldapChallenge = challengeIdOf(
      await callFailure(core, 'accounts.signIn', { serverId, user: 'lena.ldap', password: withDigest('lena-ldap-1') }),
    );
    await call(core, 'accounts.answerTwoFactor', { challengeId: ldapChallenge, code: typed(totpCode()) });
    await server.dev('/_dev/settings', { method: 'POST', body: JSON.stringify({ LDAP_Enable: false, CROWD_Enable: true }) });
    await callResult(core, 'servers.signInOptions', { serverId });
    await call(core, 'accounts.signIn', { serverId, user: 'carl.crowd', password: withDigest('carl-crowd-1') });

    // An access token, sent as the session of every call it makes.
    const { authToken } = (await server.dev(`/_dev/users/${demo.email2fa.userId}/tokens`, {
      method: 'POST',
      body: JSON.stringify({ type: 'personalAccessToken', name: 'desktop' }),
    })) as { authToken: string };
    await call(core, 'accounts.signInWithToken', { serverId, userId: demo.email2fa.userId, token: typed(authToken) });

    // Every session the server handed out.
    for (const exchange of exchanges) {
      const token = (JSON.parse(exchange.reply || '{}') as { data?: { authToken?: string } }).data?.authToken;
      if (token) typed(token);
    }
    expect(exchanges.filter((exchange) => exchange.headers['x-2fa-code'])).not.toEqual([]);
    expect(exchanges.filter((exchange) => exchange.body?.includes('currentPassword'))).not.toEqual([]);
    for (const exchange of exchanges) expectRedacted(exchange, [...secrets]);
  });
});
