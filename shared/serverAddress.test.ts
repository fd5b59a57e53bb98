import { describe, expect, it } from 'vitest';
import { AppFailure } from './errors';
import { correctedAddress, isLoopback, normalizeServerUrl, serverUrlCandidates } from './serverAddress';

describe('normalizeServerUrl', () => {
  it.each([
    ['chat.example.com', 'https://chat.example.com'],
    ['  https://chat.example.com/  ', 'https://chat.example.com'],
    ['https://example.com/chat/', 'https://example.com/chat'],
    ['https://chat.example.com:8443/?x=1#y', 'https://chat.example.com:8443'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeServerUrl(input)).toBe(expected);
  });

  it.each([
    ['http://chat.example.com', /Plain http is only allowed for a server on this computer/],
    ['ftp://chat.example.com', /https/],
    ['https://user:pw@chat.example.com', /Leave your name and password out/],
    ['https://exa mple.com', /not a web address/],
    [' maya.okafor@example.com ', /^That is an email address\. Enter the address of the server/],
  ])('refuses %s with a field error', (input, message) => {
    try {
      normalizeServerUrl(input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).error.fields?.url).toMatch(message);
    }
  });

  it('knows loopback from the rest of the network', () => {
    expect(isLoopback('127.0.0.53')).toBe(true);
    expect(isLoopback('127.evil.example')).toBe(false);
    expect(isLoopback('192.168.1.2')).toBe(false);
  });

  it.each([
    ['127.0.0.1:3317', ['https://127.0.0.1:3317', 'http://127.0.0.1:3317']],
    ['localhost:3000/chat/', ['https://localhost:3000/chat', 'http://localhost:3000/chat']],
    ['[::1]:3000', ['https://[::1]:3000', 'http://[::1]:3000']],
    ['https://127.0.0.1:3317', ['https://127.0.0.1:3317']],
    ['http://127.0.0.1:3317', ['http://127.0.0.1:3317']],
    ['chat.example.com:80', ['https://chat.example.com:80']],
  ])('%s is tried as %j', (input, expected) => {
    expect(serverUrlCandidates(input)).toEqual(expected);
  });
});

describe('a slip in the scheme', () => {
  it.each([
    ['htp://chat.example.com', 'https://chat.example.com'],
    ['hhtps://chat.example.com', 'https://chat.example.com'],
    ['https//chat.example.com', 'https://chat.example.com'],
    ['https:/chat.example.com/team', 'https://chat.example.com/team'],
    ['htps://chat.example.com', 'https://chat.example.com'],
    ['HTTPS//chat.example.com', 'https://chat.example.com'],
    ['http//localhost:3000', 'http://localhost:3000'],
  ])('%s: "Did you mean %s?"', (typed, meant) => {
    expect(correctedAddress(typed)).toBe(meant);
    expect(() => normalizeServerUrl(typed)).toThrow(`Did you mean ${meant}?`);
    // The correction itself is an address the app takes.
    expect(normalizeServerUrl(meant)).toBe(meant);
  });

  it.each(['https://chat.example.com', 'chat.example.com', 'localhost:3000', 'chat.example.com:8443/rc', 'ftp-server.example.com'])(
    '%s is no slip',
    (typed) => expect(correctedAddress(typed)).toBeNull(),
  );
});
