/**
 * Removes secrets from a log line before it is written anywhere: session tokens, password
 * digests and passwords, 2FA codes, authenticator secrets and backup codes. Logs are read by
 * people helping with a problem; none of that may reach them.
 */
const jsonSecret =
  /("(?:authToken|token|password|currentPassword|newPassword|digest|code|secret|x-auth-token|x-2fa-code|X-Auth-Token|X-2fa-Code|backupCodes?|codes)"\s*:\s*)("(?:[^"\\]|\\.)*"|\[[^\]]*\])/gi;
const headerSecret = /\b(x-auth-token|x-2fa-code|authorization|cookie)(\s*[:=]\s*)([^\s,;]+(?:;\s*[^\s,;]+)*)/gi;
const querySecret = /([?&](?:rc_token|token|authToken|code)=)[^&\s]+/gi;
const keyValueSecret = /\b(password|passwd|token|authToken|secret|code)(\s*[:=]\s*)(?!\[redacted\])(\S+)/gi;
/** Long runs of token-like characters (login tokens are 43 base64url characters). */
const tokenLike = /\b[A-Za-z0-9_-]{32,}\b/g;

export function redact(text: string): string {
  return text
    .replace(jsonSecret, '$1"[redacted]"')
    .replace(headerSecret, '$1$2[redacted]')
    .replace(querySecret, '$1[redacted]')
    .replace(keyValueSecret, '$1$2[redacted]')
    .replace(tokenLike, '[redacted]');
}
