/**
 * Removes secrets from a log line before it is written anywhere: session and access tokens,
 * passwords (local, LDAP, Crowd, a proxy's) and their digests, 2FA codes, authenticator
 * secrets and backup codes, single sign-on credentials, Authorization and Cookie headers,
 * the password part of an address, and email addresses (personal data a log never needs:
 * the account's id says whose it was). Logs are read by people helping with a problem;
 * none of that may reach them. electron/core/flows/redaction.test.ts feeds it every body
 * and header the client builds.
 */

/** Names whose value is a secret wherever they appear as a JSON key or `name=value`. */
const secretNames = [
  'authToken',
  'token',
  'password',
  'passwd',
  'currentPassword',
  'newPassword',
  'ldapPass',
  'crowdPassword',
  'digest',
  'code',
  'codes',
  'backupCodes?',
  'secret',
  'credentialToken',
  'credentialSecret',
  'saml_idp_credentialToken',
  'x-auth-token',
  'x-2fa-code',
  '(?:proxy-)?authorization',
  'cookie',
].join('|');

/**
 * A JSON string, array or number as the value of a secret key. A string may be cut off at the
 * end of a line (the logger shortens long ones), or escaped once or more inside another JSON
 * string (a body inside a logged request): then its escaped quotes end it.
 */
const jsonValue = String.raw`"(?:[^"\\]|\\.)*(?:"|$)|\\+"[^"]*(?:"|$)|\[[^\]]*\]|-?\d[\d.]*`;
const jsonSecret = new RegExp(String.raw`(\\*"(?:${secretNames})\\*"\s*:\s*)(?:${jsonValue})`, 'gi');
/** `Authorization: Basic …` keeps the scheme (it says what kind of sign-in it was), never the credential. */
const headerSecret =
  /\b(x-auth-token|x-2fa-code|(?:proxy-)?authorization|(?:set-)?cookie)(\s*[:=]\s*)((?:Basic|Bearer|Digest|Negotiate|NTLM)\s+)?([^\s,;]+(?:;\s*[^\s,;]+)*)/gi;
const schemeSecret = /\b(Basic|Bearer)(\s+)(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/g;
const querySecret = new RegExp(
  String.raw`([?&](?:rc_token|token|authToken|code|secret|state|ticket|credentialToken|credentialSecret|saml_idp_credentialToken|access_token|id_token|refresh_token)=)[^&\s#"\\]+`,
  'gi',
);
/** The sign-in in an address (a proxy's `http://user:pass@host`): the name stays, the password goes. */
const addressPassword = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"]*):[^\s/?#@"]*@/gi;
/** Single sign-on tokens that travel in a path: `/_cas/<token>`, `/saml/<token>`, `/_saml/authorize/<provider>/<token>`. */
const pathSecret = /((?:\/|%2F)(?:_cas|saml|_saml(?:\/|%2F)authorize(?:\/|%2F)[^\s/?#"%]+)(?:\/|%2F))[^\s/?#&"%\\]+/gi;
const keyValueSecret = new RegExp(
  String.raw`\b(${secretNames})(\s*[:=]\s*)(?!(?:(?:Basic|Bearer|Digest|Negotiate|NTLM)\s+)?\[redacted\])(\S+)`,
  'gi',
);
/** An email address, wherever it appears (a profile in a logged body, an error naming a person). */
const emailAddress = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;
/** Long runs of token-like characters (login tokens are 43 base64url characters, digests 64 hex). */
const tokenLike = /\b[A-Za-z0-9_-]{32,}\b/g;

export function redact(text: string): string {
  return text
    .replace(jsonSecret, '$1"[redacted]"')
    .replace(headerSecret, '$1$2$3[redacted]')
    .replace(schemeSecret, '$1$2[redacted]')
    .replace(querySecret, '$1[redacted]')
    .replace(addressPassword, '$1:[redacted]@')
    .replace(pathSecret, '$1[redacted]')
    .replace(keyValueSecret, '$1$2[redacted]')
    .replace(emailAddress, '[email]')
    .replace(tokenLike, '[redacted]');
}
