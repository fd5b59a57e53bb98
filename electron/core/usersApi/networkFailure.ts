import { ApiFailure, type NetworkFailureKind } from './apiFailure';
import { asNodeCode, corporateNetworkFailure, rawNetworkCode } from './networkFailureKinds';

/** The contract code and the sentence of each kind, for a server called `name`. */
export const networkFailureWords: Record<
  NetworkFailureKind,
  { code: 'timeout' | 'tls-untrusted' | 'network-unreachable'; say(name: string): string }
> = {
  timeout: { code: 'timeout', say: (name) => `${name} did not answer in time. Check your connection and try again.` },
  'connect-timeout': {
    code: 'network-unreachable',
    say: (name) => `${name} cannot be reached right now: the connection could not be set up in time. Check your connection.`,
  },
  certificate: {
    code: 'tls-untrusted',
    say: (name) =>
      `The security certificate of ${name} is not trusted, so the app will not connect to it. Ask the server's administrator to renew or fix the certificate.`,
  },
  // Not a question of trust: the address does not speak https at all.
  'wrong-protocol': {
    code: 'network-unreachable',
    say: (name) =>
      `${name} does not answer secure (https) connections at this address. It may be a plain http server, or the port may belong to something else.`,
  },
  'not-found': { code: 'network-unreachable', say: (name) => `${name} could not be found. Check the address and your connection.` },
  refused: {
    code: 'network-unreachable',
    say: (name) =>
      `${name} cannot be reached right now: nothing answers at that address. Check the address, or whether the server is running.`,
  },
  dropped: {
    code: 'network-unreachable',
    say: (name) => `${name} cannot be reached right now: the connection was cut off before the server answered.`,
  },
  'no-route': {
    code: 'network-unreachable',
    say: (name) => `${name} cannot be reached right now: this computer has no network route to it. Check your network connection.`,
  },
  other: { code: 'network-unreachable', say: (name) => `${name} cannot be reached right now.` },
};

const certificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** TLS spoken to something that does not speak it (an http server, another service on the port). */
const wrongProtocolCodes = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST', 'EPROTO']);
const droppedCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_ABORTED']);
const noRouteCodes = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

/** Which kind a system error code is; undefined (no code at all) is `other`. */
export function networkFailureKind(code: string | undefined, timedOut: boolean): NetworkFailureKind {
  if (timedOut) return 'timeout';
  if (code === undefined) return 'other';
  if (wrongProtocolCodes.has(code)) return 'wrong-protocol';
  if (certificateCodes.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT')) return 'certificate';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') return 'not-found';
  if (code === 'ECONNREFUSED') return 'refused';
  if (droppedCodes.has(code)) return 'dropped';
  if (noRouteCodes.has(code)) return 'no-route';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'connect-timeout';
  return 'other';
}

/**
 * What a thrown fetch means for the person. A certificate problem is `tls-untrusted` and
 * is never bypassed; everything else that kept the reply from arriving is
 * `network-unreachable` or `timeout`. `name` is what the app calls the server.
 */
export function networkFailure(error: unknown, name: string, timedOut: boolean): ApiFailure {
  // A proxy's or a client certificate's failure first: it may lie under a generic "socket closed".
  const corporate = timedOut ? undefined : corporateNetworkFailure(error, name);
  if (corporate) return corporate;
  // Node's code, or Chromium's net::ERR_* name turned into the Node code with the same meaning.
  const raw = rawNetworkCode(error);
  const code = asNodeCode(raw);
  const kind = networkFailureKind(code, timedOut);
  const words = networkFailureWords[kind];
  return new ApiFailure(words.code, words.say(name), { networkKind: kind, ...(raw ? { detail: raw } : {}) });
}
