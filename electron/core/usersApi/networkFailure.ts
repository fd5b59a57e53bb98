import { ApiFailure } from './apiFailure';
import { asNodeCode, corporateNetworkFailure, rawNetworkCode } from './networkFailureKinds';

const tlsCodes = new Set([
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
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/**
 * What a thrown fetch means for the person. A certificate problem is `tls-untrusted`
 * and is never bypassed; everything else that kept the reply from arriving is
 * `network-unreachable` or `timeout`.
 */
export function networkFailure(error: unknown, origin: string, timedOut: boolean): ApiFailure {
  if (timedOut) {
    return new ApiFailure('timeout', `${origin} did not answer in time. Check your connection and try again.`);
  }
  const corporate = corporateNetworkFailure(error, origin);
  if (corporate) return corporate;
  const code = asNodeCode(rawNetworkCode(error));
  if (code && (tlsCodes.has(code) || code.startsWith('ERR_TLS') || code.includes('CERT'))) {
    return new ApiFailure(
      'tls-untrusted',
      `The server's certificate is not trusted (${code}). The app will not connect to ${origin} until its certificate is valid.`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ApiFailure('network-unreachable', `${origin} could not be found. Check the address and your connection.`);
  }
  return new ApiFailure('network-unreachable', `${origin} cannot be reached right now${code ? ` (${code})` : ''}.`);
}
