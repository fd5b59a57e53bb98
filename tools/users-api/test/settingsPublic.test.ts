// GET settings.public and settings.oauth: what a sign-in form reads before anyone signs in (docs/sign-in.md).
import { afterEach, describe, expect, it } from 'vitest';
import { start } from './helpers';
import type { Client } from './helpers';

let c: Client | undefined;
afterEach(() => c?.close());

const MINIMAL_SEED = { users: [{ _id: 'OnlyUser000000001', username: 'only', password: 'only-pass-1' }] };

const valueOf = (settings: { _id: string; value: unknown }[], id: string) => settings.find((s) => s._id === id)?.value;

describe('GET /api/v1/settings.public', () => {
  it('needs no sign-in; a seed without sign-in settings shows the form, LDAP and Crowd off', async () => {
    c = await start({ seed: MINIMAL_SEED });
    const res = await c.get('/api/v1/settings.public?_id=Accounts_ShowFormLogin,LDAP_Enable,CROWD_Enable,CAS_enabled');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      success: true,
      count: 4,
      offset: 0,
      total: 4,
      settings: [
        { _id: 'Accounts_ShowFormLogin', value: true },
        { _id: 'CAS_enabled', value: false },
        { _id: 'CROWD_Enable', value: false },
        { _id: 'LDAP_Enable', value: false },
      ],
    });
    const oauth = await c.get('/api/v1/settings.oauth');
    expect(oauth.json).toEqual({ success: true, services: [] });
  });

  it('lists only public settings, sorted by _id, 50 a page with offset/count/total; query= is ignored', async () => {
    c = await start();
    const first = await c.get('/api/v1/settings.public');
    expect(first.json.count).toBe(first.json.settings.length);
    expect(first.json.total).toBeGreaterThan(30);
    const ids: string[] = first.json.settings.map((s: { _id: string }) => s._id);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    for (const hidden of ['LDAP_Login_Fallback', 'API_Enable_Rate_Limiter', 'Block_Multiple_Failed_Logins_Enabled', 'Dev_Mailer_Broken']) {
      expect(ids).not.toContain(hidden);
    }
    expect(ids).toEqual(
      expect.arrayContaining(['LDAP_Enable', 'CROWD_Enable', 'Accounts_ShowFormLogin', 'Accounts_RegistrationForm', 'Site_Url']),
    );
    const page = await c.get('/api/v1/settings.public?offset=2&count=3');
    expect(page.json).toMatchObject({ count: 3, offset: 2, total: first.json.total });
    expect(page.json.settings.map((s: { _id: string }) => s._id)).toEqual(ids.slice(2, 5));
    const ignored = await c.get(`/api/v1/settings.public?query=${encodeURIComponent('{"_id":"LDAP_Enable"}')}`);
    expect(ignored.json.total).toBe(first.json.total);
    const reversed = await c.get('/api/v1/settings.public?_id=LDAP_Enable,CROWD_Enable&sort={"_id":-1}');
    expect(reversed.json.settings.map((s: { _id: string }) => s._id)).toEqual(['LDAP_Enable', 'CROWD_Enable']);
  });

  it('shows the demo workspace: CAS on with this server as CAS, ROOT_URL as Site_Url, custom fields as a JSON string', async () => {
    c = await start();
    const { settings } = (await c.get('/api/v1/settings.public?_id=CAS_enabled,CAS_login_url,Site_Url,Accounts_CustomFields')).json;
    expect(valueOf(settings, 'CAS_enabled')).toBe(true);
    expect(valueOf(settings, 'CAS_login_url')).toBe(`${c.url}/_idp/cas/login`);
    expect(valueOf(settings, 'Site_Url')).toBe(c.url);
    expect(JSON.parse(valueOf(settings, 'Accounts_CustomFields') as string)).toHaveProperty('department');
  });

  it('follows /_dev/settings', async () => {
    c = await start();
    await c.settings({ LDAP_Enable: true, Accounts_ShowFormLogin: false });
    const { settings } = (await c.get('/api/v1/settings.public?_id=LDAP_Enable,Accounts_ShowFormLogin')).json;
    expect(settings).toEqual([
      { _id: 'Accounts_ShowFormLogin', value: false },
      { _id: 'LDAP_Enable', value: true },
    ]);
  });
});

describe('GET /api/v1/settings.oauth', () => {
  it('demo: custom OAuth and SAML in full without their secret, CAS from the CAS settings', async () => {
    c = await start();
    const res = await c.get('/api/v1/settings.oauth');
    expect(res.status).toBe(200);
    const byService = Object.fromEntries(res.json.services.map((s: { service: string }) => [s.service, s]));
    expect(byService.idp).toEqual({
      _id: 'idpLoginService01',
      service: 'idp',
      custom: true,
      clientId: 'users-api-demo',
      serverURL: c.url,
      authorizePath: '/_idp/oauth/authorize',
      scope: 'openid',
      loginStyle: 'popup',
      showButton: true,
      buttonLabelText: 'Sign in with Demo IdP',
      buttonLabelColor: '#FFFFFF',
      buttonColor: '#1d74f5',
    });
    expect(byService.saml).toMatchObject({ service: 'saml', clientConfig: { provider: 'demo-idp' }, entryPoint: `${c.url}/_idp/saml/sso` });
    expect(byService.saml).not.toHaveProperty('secret');
    expect(byService.cas).toMatchObject({
      service: 'cas',
      enabled: true,
      login_url: `${c.url}/_idp/cas/login`,
      base_url: `${c.url}/_idp/cas`,
      buttonLabelText: 'CAS',
    });
    expect(res.text).not.toContain('demo-client-secret');
  });

  it('built-in OAuth services are reduced to name, clientId and button fields', async () => {
    const github = { _id: 'gh1', service: 'github', clientId: 'abc', secret: 's3cret', buttonLabelText: 'GitHub', loginStyle: 'popup' };
    const facebook = { _id: 'fb1', service: 'facebook', appId: 'fb-app', secret: 'x' };
    c = await start({ seed: { ...MINIMAL_SEED, loginServices: [github, facebook] } });
    expect((await c.get('/api/v1/settings.oauth')).json.services).toEqual([
      { _id: 'gh1', name: 'github', clientId: 'abc', buttonLabelText: 'GitHub', buttonColor: '', buttonLabelColor: '', custom: false },
      { _id: 'fb1', name: 'facebook', clientId: 'fb-app', buttonLabelText: '', buttonColor: '', buttonLabelColor: '', custom: false },
    ]);
  });
});
