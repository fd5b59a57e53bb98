import { describe, expect, it } from 'vitest';
import { proxyForUrl, proxyLabel, readProxyEnvironment } from './proxyEnvironment';

const proxyOf = (env: NodeJS.ProcessEnv, url: string) => proxyForUrl(readProxyEnvironment(env), new URL(url))?.host ?? null;

describe('the proxy of a Node process, from its environment (as undici applies it)', () => {
  it('takes HTTPS_PROXY for https and HTTP_PROXY for http; https falls back to HTTP_PROXY; lower case first', () => {
    expect(proxyOf({ HTTPS_PROXY: 'http://secure:1', HTTP_PROXY: 'http://plain:2' }, 'https://chat.example')).toBe('secure:1');
    expect(proxyOf({ HTTPS_PROXY: 'http://secure:1', HTTP_PROXY: 'http://plain:2' }, 'http://localhost:3000')).toBe('plain:2');
    expect(proxyOf({ HTTP_PROXY: 'http://plain:2' }, 'https://chat.example')).toBe('plain:2');
    expect(proxyOf({ https_proxy: 'http://lower:3', HTTPS_PROXY: 'http://upper:4' }, 'https://chat.example')).toBe('lower:3');
    expect(proxyOf({}, 'https://chat.example')).toBeNull();
  });

  it.each([
    ['chat.example', 'https://chat.example', null],
    ['.example', 'https://chat.example', null],
    ['*.example', 'https://deep.chat.example', null],
    ['example', 'https://notexample.org', 'proxy:8080'],
    ['chat.example:8443', 'https://chat.example:8443', null],
    ['chat.example:8443', 'https://chat.example', 'proxy:8080'],
    ['*', 'https://anything.example', null],
    ['other.example, chat.example', 'https://chat.example', null],
    ['other.example chat.example', 'https://chat.example', null],
  ])('NO_PROXY=%s: %s goes through %s', (noProxy, url, expected) => {
    expect(proxyOf({ HTTPS_PROXY: 'http://proxy:8080', NO_PROXY: noProxy }, url)).toBe(expected);
  });

  it('never shows the proxy sign-in', () => {
    expect(proxyLabel(new URL('http://ann:secret@proxy.corp:3128'))).toBe('http://proxy.corp:3128');
  });
});
