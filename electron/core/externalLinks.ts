/** Hosts whose https pages may open in the system browser (help and project pages). */
export const helpHosts = new Set(['docs.rocket.chat', 'github.com']);

/** An https page of a help host. */
export function isHelpLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && helpHosts.has(parsed.hostname);
  } catch {
    return false;
  }
}
