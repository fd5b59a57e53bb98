import { describe, expect, it } from 'vitest';
import { createNodeFetch } from '../usersApi/transport/nodeFetch';
import { environmentProxyLookup } from './networkInfo';
import { describePacResult } from './proxyDescription';

describe('the proxy each server is reached through, in About’s words', () => {
  it('a Node process names each kind of proxy as nodeFetch uses it, never its sign-in', async () => {
    const about = (proxy: string) => {
      const nodeFetch = createNodeFetch({
        env: { HTTPS_PROXY: proxy, NO_PROXY: 'direct.example' },
        judge: { judge: () => ({ code: 'x' }) },
      });
      const lookup = environmentProxyLookup((url) => nodeFetch.proxyFor(url));
      return Promise.all([lookup.describe('https://chat.example'), lookup.describe('https://direct.example')]);
    };
    expect(await about('http://ann:secret@proxy.corp:3128')).toEqual(['Proxy proxy.corp:3128', 'Direct connection (no proxy)']);
    expect(await about('https://proxy.corp')).toEqual(['Proxy proxy.corp (over https)', 'Direct connection (no proxy)']);
    expect(await about('socks5://ann:secret@proxy.corp:1080')).toEqual(['SOCKS 5 proxy proxy.corp:1080', 'Direct connection (no proxy)']);
    expect(await about('socks://proxy.corp:1080')).toEqual(['SOCKS 5 proxy proxy.corp:1080', 'Direct connection (no proxy)']);
  });

  it('the desktop app says the same of Chromium’s answers', () => {
    expect(describePacResult('PROXY proxy.corp:3128')).toBe('Proxy proxy.corp:3128');
    expect(describePacResult('HTTPS proxy.corp:443')).toBe('Proxy proxy.corp:443 (over https)');
    expect(describePacResult('SOCKS5 proxy.corp:1080; DIRECT')).toBe(
      'SOCKS 5 proxy proxy.corp:1080; if it fails: Direct connection (no proxy)',
    );
  });
});
