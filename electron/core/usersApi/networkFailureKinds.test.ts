import { describe, expect, it } from 'vitest';
import { networkFailure } from './networkFailure';
import { asNodeCode, corporateFailureKind, rawNetworkCode } from './networkFailureKinds';

/** How a rejected net.fetch looks: Chromium's error name is the message, there is no code. */
const chromium = (name: string) => new Error(`net::${name}`);
/** How a failed undici fetch looks: a TypeError whose cause carries Node's code. */
const node = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) });

describe('network failure kinds: Chromium and Node mean the same things', () => {
  it.each([
    ['ERR_NAME_NOT_RESOLVED', 'ENOTFOUND'],
    ['ERR_CONNECTION_REFUSED', 'ECONNREFUSED'],
    ['ERR_CONNECTION_RESET', 'ECONNRESET'],
    ['ERR_TIMED_OUT', 'ETIMEDOUT'],
    ['ERR_INTERNET_DISCONNECTED', 'ENETUNREACH'],
    ['ERR_CERT_AUTHORITY_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ['ERR_CERT_DATE_INVALID', 'CERT_HAS_EXPIRED'],
    ['ERR_CERT_COMMON_NAME_INVALID', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['ERR_CERT_REVOKED', 'CERT_REVOKED'],
  ])('net::%s fails with the code and words of %s', (name, nodeCode) => {
    expect(asNodeCode(rawNetworkCode(chromium(name)))).toBe(nodeCode);
    const fromChromium = networkFailure(chromium(name), 'chat.example', false);
    const fromNode = networkFailure(node(nodeCode), 'chat.example', false);
    expect(fromChromium.code).toBe(fromNode.code);
    expect(fromChromium.message).toBe(fromNode.message);
  });

  it.each([
    ['net::ERR_PROXY_CONNECTION_FAILED', 'proxy-unreachable'],
    ['net::ERR_MANDATORY_PROXY_CONFIGURATION_FAILED', 'proxy-configuration'],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'proxy-refused'],
    ['net::ERR_PROXY_AUTH_REQUESTED', 'proxy-auth'],
    ['net::ERR_PROXY_CERTIFICATE_INVALID', 'proxy-certificate'],
    ['net::ERR_SOCKS_CONNECTION_FAILED', 'proxy-unreachable'],
    ['net::ERR_SOCKS_CONNECTION_HOST_UNREACHABLE', 'proxy-refused'],
    ['net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED', 'client-certificate-required'],
    ['net::ERR_BAD_SSL_CLIENT_AUTH_CERT', 'client-certificate-refused'],
    ['AM_PROXY_UNREACHABLE', 'proxy-unreachable'],
    ['AM_PROXY_REFUSED', 'proxy-refused'],
    ['AM_PROXY_AUTH_REQUIRED', 'proxy-auth'],
    ['AM_PROXY_UNTRUSTED', 'proxy-certificate'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'client-certificate-required'],
    ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'client-certificate-refused'],
  ])('%s is a %s failure, told in words without the code', (raw, kind) => {
    const error = raw.startsWith('net::') ? new Error(raw) : node(raw);
    expect(corporateFailureKind(rawNetworkCode(error))).toBe(kind);
    const failure = networkFailure(error, 'chat.example', false);
    expect(failure.code).toBe('network-unreachable');
    expect(failure.message).toContain('chat.example');
    expect(failure.message).not.toMatch(/ERR_|AM_|net::/);
  });

  it('finds a client certificate alert under the "other side closed" undici reports', () => {
    const alert = Object.assign(new Error('tlsv13 alert certificate required'), { code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
    const closed = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', cause: alert });
    expect(networkFailure(new TypeError('fetch failed', { cause: closed }), 'chat.example', false).message).toMatch(
      /^chat\.example asks for a client certificate/,
    );
  });

  it('leaves a timeout a timeout, whatever Chromium called it', () => {
    expect(networkFailure(chromium('ERR_ABORTED'), 'chat.example', true).code).toBe('timeout');
  });
});
