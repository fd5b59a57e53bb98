import type { ErrorCode } from '../../../shared/errors';
import { ApiFailure } from './apiFailure';
import { transportCodes } from './transport/transportCodes';

/**
 * Failures only a corporate network produces — a proxy, a client certificate — and the names
 * Chromium gives every failure (`net::ERR_*`, the Electron shell's net.fetch). networkFailure.ts
 * asks here first. The person reads words; the raw code goes to the log only.
 */
export type CorporateFailureKind =
  | 'proxy-unreachable'
  | 'proxy-configuration'
  | 'proxy-refused'
  | 'proxy-auth'
  | 'proxy-certificate'
  | 'client-certificate-required'
  | 'client-certificate-refused';

/** Chromium's failures that mean the same as one of Node's: the words stay those of the Node code. */
const chromiumAsNode: Record<string, string> = {
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_CONNECTION_ABORTED: 'ECONNRESET',
  ERR_NETWORK_CHANGED: 'ECONNRESET',
  ERR_EMPTY_RESPONSE: 'ECONNRESET',
  ERR_CONNECTION_FAILED: 'ECONNREFUSED',
  ERR_CONNECTION_TIMED_OUT: 'ETIMEDOUT',
  ERR_TIMED_OUT: 'ETIMEDOUT',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH',
  ERR_NETWORK_ACCESS_DENIED: 'ECONNREFUSED',
  // Certificates: the same three cases the app explains, everything else "not trusted".
  ERR_CERT_AUTHORITY_INVALID: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  ERR_CERT_DATE_INVALID: 'CERT_HAS_EXPIRED',
  ERR_CERT_COMMON_NAME_INVALID: 'ERR_TLS_CERT_ALTNAME_INVALID',
  ERR_CERT_REVOKED: 'CERT_REVOKED',
  ERR_CERT_INVALID: 'CERT_UNTRUSTED',
  ERR_CERT_CONTAINS_ERRORS: 'CERT_UNTRUSTED',
  ERR_CERT_WEAK_SIGNATURE_ALGORITHM: 'CERT_UNTRUSTED',
  ERR_CERT_WEAK_KEY: 'CERT_UNTRUSTED',
  ERR_CERT_NAME_CONSTRAINT_VIOLATION: 'CERT_UNTRUSTED',
  ERR_CERT_VALIDITY_TOO_LONG: 'CERT_UNTRUSTED',
  ERR_CERT_NON_UNIQUE_NAME: 'CERT_UNTRUSTED',
  ERR_CERT_SYMANTEC_LEGACY: 'CERT_UNTRUSTED',
  ERR_CERT_KNOWN_INTERCEPTION_BLOCKED: 'CERT_UNTRUSTED',
  ERR_CERT_NO_REVOCATION_MECHANISM: 'CERT_UNTRUSTED',
  ERR_CERT_UNABLE_TO_CHECK_REVOCATION: 'CERT_UNTRUSTED',
  ERR_CERTIFICATE_TRANSPARENCY_REQUIRED: 'CERT_UNTRUSTED',
  ERR_SSL_PROTOCOL_ERROR: 'ERR_SSL_WRONG_VERSION_NUMBER',
  ERR_SSL_VERSION_OR_CIPHER_MISMATCH: 'ERR_SSL_WRONG_VERSION_NUMBER',
};

/** Chromium's and Node's names of the corporate-network failures. */
const corporateKinds: Record<string, CorporateFailureKind> = {
  ERR_PROXY_CONNECTION_FAILED: 'proxy-unreachable',
  ERR_PROXY_CERTIFICATE_INVALID: 'proxy-certificate',
  ERR_SOCKS_CONNECTION_FAILED: 'proxy-unreachable',
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: 'proxy-configuration',
  ERR_PAC_SCRIPT_FAILED: 'proxy-configuration',
  ERR_PAC_NOT_IN_DHCP: 'proxy-configuration',
  ERR_TUNNEL_CONNECTION_FAILED: 'proxy-refused',
  ERR_SOCKS_CONNECTION_HOST_UNREACHABLE: 'proxy-refused',
  ERR_PROXY_AUTH_REQUESTED: 'proxy-auth',
  ERR_PROXY_AUTH_UNSUPPORTED: 'proxy-auth',
  ERR_PROXY_AUTH_REQUESTED_WITH_NO_CONNECTION: 'proxy-auth',
  ERR_SSL_CLIENT_AUTH_CERT_NEEDED: 'client-certificate-required',
  ERR_BAD_SSL_CLIENT_AUTH_CERT: 'client-certificate-refused',
  ERR_SSL_CLIENT_AUTH_SIGNATURE_FAILED: 'client-certificate-refused',
  ERR_SSL_CLIENT_AUTH_CERT_NO_PRIVATE_KEY: 'client-certificate-refused',
  ERR_SSL_CLIENT_AUTH_PRIVATE_KEY_ACCESS_DENIED: 'client-certificate-refused',
  [transportCodes.proxyUnreachable]: 'proxy-unreachable',
  [transportCodes.proxyRefused]: 'proxy-refused',
  [transportCodes.proxyAuthRequired]: 'proxy-auth',
  [transportCodes.proxyUntrusted]: 'proxy-certificate',
  // OpenSSL's alerts from a server that wants a client certificate (TLS 1.3) or did not accept ours.
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'client-certificate-required',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'client-certificate-refused',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'client-certificate-refused',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 'client-certificate-refused',
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: 'client-certificate-refused',
};

/** The failure's own code: Node's (`error.code` along the cause chain) or Chromium's (`net::ERR_X` in a message). */
export function rawNetworkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const chromium = /\bnet::(ERR_[A-Z0-9_]+)/.exec(String((current as { message?: unknown }).message ?? ''));
    if (chromium) return chromium[1];
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A Chromium name turned into the Node code with the same meaning (and words); any other code as it is. */
export function asNodeCode(code: string | undefined): string | undefined {
  return code === undefined ? undefined : (chromiumAsNode[code] ?? code);
}

export function corporateFailureKind(code: string | undefined): CorporateFailureKind | undefined {
  return code === undefined ? undefined : corporateKinds[code];
}

/** Every code along the cause chain: a corporate one may lie under a generic "socket closed". */
function codesAlong(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = rawNetworkCode({ code: (current as { code?: unknown }).code, message: (current as { message?: unknown }).message });
    if (code) codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** The failure, in words, when it is a proxy's or a client certificate's; undefined otherwise. */
export function corporateNetworkFailure(error: unknown, host: string): ApiFailure | undefined {
  const raw = codesAlong(error).find((code) => corporateFailureKind(code) !== undefined);
  const kind = corporateFailureKind(raw);
  if (!kind || !raw) return undefined;
  const proxy = proxyNamed(error);
  const words: Record<CorporateFailureKind, [ErrorCode, string]> = {
    'proxy-unreachable': [
      'network-unreachable',
      `The proxy server${proxy ? ` (${proxy})` : ''} cannot be reached, so the app cannot reach ${host} through it. Check your connection and the proxy settings, or ask your IT department.`,
    ],
    'proxy-configuration': [
      'network-unreachable',
      `The system's proxy settings could not be used (the proxy configuration script failed), so the app cannot reach ${host}. Ask your IT department.`,
    ],
    'proxy-refused': [
      'network-unreachable',
      `The proxy server${proxy ? ` (${proxy})` : ''} refused to connect the app to ${host}. Your organisation may block this server; ask your IT department.`,
    ],
    'proxy-auth': [
      'network-unreachable',
      `The proxy server${proxy ? ` (${proxy})` : ''} asks for a sign-in the app could not give, so it cannot reach ${host}. Check the proxy user name and password.`,
    ],
    // Never the server's certificate decision: a pin is for a server, and the proxy is not one.
    'proxy-certificate': [
      'network-unreachable',
      `The proxy server${proxy ? ` (${proxy})` : ''} shows a security certificate this computer does not trust, so the app will not reach ${host} through it. Ask your IT department.`,
    ],
    'client-certificate-required': [
      'network-unreachable',
      `${host} asks for a client certificate (one that identifies you or this computer), and the app has none to send. Ask your IT department which certificate to use.`,
    ],
    'client-certificate-refused': [
      'network-unreachable',
      `${host} did not accept the client certificate the app sent. Check that it is the one your organisation issued and that it has not expired.`,
    ],
  };
  const [code, message] = words[kind];
  return new ApiFailure(code, message, { detail: raw }); // the code for the window's "Details", never its text
}

function proxyNamed(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const proxy = (current as { proxy?: unknown }).proxy;
    if (typeof proxy === 'string') return proxy;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
