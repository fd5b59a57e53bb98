import { describe, expect, it } from 'vitest';
import { networkFailureKinds, type NetworkFailureKind } from './apiFailure';
import { networkFailure, networkFailureKind } from './networkFailure';

/** A fetch failure as undici throws it: a TypeError whose cause carries the system code. */
const thrown = (code?: string) => new TypeError('fetch failed', { cause: Object.assign(new Error('low level'), code ? { code } : {}) });

/** Every kind, the contract code it becomes and the sentence a person reads (server called "Demo server"). */
const table: [NetworkFailureKind, string | undefined, boolean, string, string][] = [
  ['timeout', undefined, true, 'timeout', 'Demo server did not answer in time. Check your connection and try again.'],
  [
    'connect-timeout',
    'UND_ERR_CONNECT_TIMEOUT',
    false,
    'network-unreachable',
    'Demo server cannot be reached right now: the connection could not be set up in time. Check your connection.',
  ],
  [
    'certificate',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    false,
    'tls-untrusted',
    "The security certificate of Demo server is not trusted, so the app will not connect to it. Ask the server's administrator to renew or fix the certificate.",
  ],
  [
    'wrong-protocol',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    false,
    'network-unreachable',
    'Demo server does not answer secure (https) connections at this address. It may be a plain http server, or the port may belong to something else.',
  ],
  ['not-found', 'ENOTFOUND', false, 'network-unreachable', 'Demo server could not be found. Check the address and your connection.'],
  [
    'refused',
    'ECONNREFUSED',
    false,
    'network-unreachable',
    'Demo server cannot be reached right now: nothing answers at that address. Check the address, or whether the server is running.',
  ],
  [
    'dropped',
    'UND_ERR_SOCKET',
    false,
    'network-unreachable',
    'Demo server cannot be reached right now: the connection was cut off before the server answered.',
  ],
  [
    'no-route',
    'EHOSTUNREACH',
    false,
    'network-unreachable',
    'Demo server cannot be reached right now: this computer has no network route to it. Check your network connection.',
  ],
  ['other', undefined, false, 'network-unreachable', 'Demo server cannot be reached right now.'],
];

describe('networkFailure', () => {
  it('the table covers every kind', () => {
    expect(table.map(([kind]) => kind).sort()).toEqual([...networkFailureKinds].sort());
  });

  it.each(table)('%s (%s) → %s, in words', (kind, code, timedOut, contractCode, sentence) => {
    const failure = networkFailure(thrown(code), 'Demo server', timedOut);
    expect(failure.details.networkKind).toBe(kind);
    expect(failure.toAppError()).toEqual({ code: contractCode, message: sentence, ...(code ? { detail: code } : {}) });
  });

  it('no sentence carries a system code; the code goes to detail only', () => {
    for (const kind of networkFailureKinds) {
      const codes = ['ECONNREFUSED', 'UND_ERR_SOCKET', 'ERR_SSL_WRONG_VERSION_NUMBER', 'EAI_AGAIN', 'EPROTO', 'ESOMETHINGNEW'];
      for (const code of codes) {
        const failure = networkFailure(thrown(code), 'chat.example.com', kind === 'timeout');
        expect(failure.message).not.toMatch(/E[A-Z_]{3,}|ERR_|UND_ERR/);
        expect(failure.details.detail).toBe(code);
      }
    }
  });

  it.each([
    ['ECONNRESET', 'dropped'],
    ['EPIPE', 'dropped'],
    ['UND_ERR_CLOSED', 'dropped'],
    ['EAI_AGAIN', 'not-found'],
    ['ENETUNREACH', 'no-route'],
    ['ETIMEDOUT', 'connect-timeout'],
    ['EPROTO', 'wrong-protocol'],
    ['ERR_SSL_PACKET_LENGTH_TOO_LONG', 'wrong-protocol'],
    ['CERT_HAS_EXPIRED', 'certificate'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'certificate'],
    ['ESOMETHINGNEW', 'other'],
  ] as const)('%s is %s', (code, kind) => {
    expect(networkFailureKind(code, false)).toBe(kind);
  });

  it('a timeout wins over the code the abort left behind', () => {
    expect(networkFailure(thrown('UND_ERR_ABORTED'), 'x', true).code).toBe('timeout');
  });
});
