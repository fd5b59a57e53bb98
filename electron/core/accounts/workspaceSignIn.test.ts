import { describe, expect, it } from 'vitest';
import type { SignInSettings } from '../usersApi/signInApi';
import { readWorkspaceSignIn, startUrl, type SsoService } from './workspaceSignIn';

const origin = 'https://chat.example.com';
const builtIn = (name: string) => ({ _id: `${name}-service`, name, clientId: `${name}-client`, buttonLabelText: '', custom: false });

function oauthStart(settings: SignInSettings['settings'], services: SignInSettings['services'], id: string): URL {
  const service = readWorkspaceSignIn('server-1', origin, { settings, services }).services.get(id);
  expect(service?.kind).toBe('oauth');
  return new URL(startUrl(service as SsoService, origin, 'credential-token-1'));
}

/** What a workspace's settings turn into (docs/sign-in.md §1), and where each sign-in starts (§4–§6). */
describe('workspace sign-in', () => {
  it.each([
    ['github', 'https://github.com/login/oauth/authorize', 'user:email'],
    ['google', 'https://accounts.google.com/o/oauth2/v2/auth', 'profile email'],
    ['gitlab', 'https://gitlab.com/oauth/authorize', 'read_user'],
  ])('the built-in %s provider is asked at its own sign-in page, with the scope Rocket.Chat asks', (name, page, scope) => {
    const url = oauthStart({ Site_Url: origin }, [builtIn(name)], `oauth:${name}`);
    expect(`${url.origin}${url.pathname}`).toBe(page);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: `${name}-client`,
      redirect_uri: `${origin}/_oauth/${name}`,
      response_type: 'code',
      scope,
    });
  });

  it('GitLab signs in at the workspace’s own GitLab when API_Gitlab_URL names one, and is not offered when it is no address', () => {
    const url = oauthStart({ API_Gitlab_URL: ' https://git.corp.example/gitlab/ ' }, [builtIn('gitlab')], 'oauth:gitlab');
    expect(`${url.origin}${url.pathname}`).toBe('https://git.corp.example/gitlab/oauth/authorize');
    expect(url.searchParams.get('scope')).toBe('read_user');
    const broken = readWorkspaceSignIn('server-1', origin, { settings: { API_Gitlab_URL: 'git.corp' }, services: [builtIn('gitlab')] });
    expect(broken.options.services).toEqual([]);
  });

  it('a custom OAuth service asks its own scope, or openid when it sets none', () => {
    const custom = { service: 'corp', custom: true, clientId: 'c1', serverURL: 'https://id.corp.example', authorizePath: '/authorize' };
    expect(oauthStart({}, [{ ...custom, scope: 'openid email' }], 'oauth:corp').searchParams.get('scope')).toBe('openid email');
    expect(oauthStart({}, [custom], 'oauth:corp').searchParams.get('scope')).toBe('openid');
  });

  it('single sign-on is bound to the address added: a Site_Url naming another is reported, and no service is offered', () => {
    const services = [builtIn('github'), { service: 'saml', clientConfig: { provider: 'idp' } }];
    const settings = { CAS_enabled: true, CAS_login_url: 'https://cas.example.com/login' };
    const same = readWorkspaceSignIn('server-1', origin, {
      settings: { ...settings, Site_Url: 'https://CHAT.example.com:443/' },
      services,
    });
    expect(same.options.services.map((service) => service.id)).toEqual(['oauth:github', 'saml:idp', 'cas']);
    expect(same.options.namedAddress).toBeUndefined();
    for (const other of ['https://evil.example.com', 'http://chat.example.com', 'https://chat.example.com/other']) {
      const named = readWorkspaceSignIn('server-1', origin, { settings: { ...settings, Site_Url: other }, services });
      expect(named.options).toMatchObject({ services: [], namedAddress: new URL(other).href.replace(/\/$/, ''), passwordForm: true });
      expect(named.services.size).toBe(0);
    }
    const unsaid = readWorkspaceSignIn('server-1', origin, { settings, services });
    expect(unsaid.rootUrl).toBe(origin);
    expect(unsaid.options.services).toHaveLength(3);
  });
});
