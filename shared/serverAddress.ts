import { AppFailure } from './errors';

/**
 * Turns what a person typed into the server's base URL: https assumed when no scheme
 * is given, no trailing slash, no query or fragment. Plain http is accepted only for
 * this computer (loopback), where nothing travels over a network.
 */
export function normalizeServerUrl(input: string): string {
  const typed = input.trim();
  // People type the address they sign in with: say what is asked for instead of "leave your name out".
  if (/^[^\s/@:]+@[^\s/@:]+\.[^\s/@:]+$/.test(typed)) {
    throw invalid(
      'That is an email address. Enter the address of the server (such as chat.example.com); you sign in with your email next.',
    );
  }
  const suggestion = correctedAddress(typed);
  if (suggestion) throw invalid(`Did you mean ${suggestion}?`);
  const withScheme = hasScheme(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid('That is not a web address. Try something like chat.example.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid('Use an https:// address.');
  }
  if (url.username || url.password) {
    throw invalid('Leave your name and password out of the address; you will sign in next.');
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw invalid('Use an https:// address. Plain http is only allowed for a server on this computer.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * The addresses to try for what a person typed, in order. With a scheme: exactly that.
 * Without one: https, and for a server on this computer plain http after it, as the Add
 * server hint promises ("https is used unless the server runs on this computer").
 * Throws like normalizeServerUrl.
 */
export function serverUrlCandidates(input: string): string[] {
  const secure = normalizeServerUrl(input);
  if (hasScheme(input.trim()) || !isLoopback(new URL(secure).hostname)) return [secure];
  return [secure, `http:${secure.slice('https:'.length)}`];
}

/**
 * The address meant by one whose scheme is a slip of the keys — "htp://", "hhtps://",
 * "https//", "https:/" — or null when it has none. The correction is offered, never applied
 * unasked: the person may have meant something else.
 */
export function correctedAddress(input: string): string | null {
  const typed = input.trim();
  const slip = /^([a-z]{2,8})(:\/\/|:\/|\/\/|:\\\\)([^/\s].*)$/i.exec(typed);
  if (!slip) return null;
  const scheme = slip[1]!.toLowerCase();
  const [, , separator, rest] = slip;
  if ((scheme === 'https' || scheme === 'http') && separator === '://') return null;
  // Plain http stays http where it was spelled right (a server on this computer); any other slip means https.
  if (scheme === 'http') return `http://${rest}`;
  return distance(scheme, 'https') <= 2 || distance(scheme, 'http') <= 1 ? `https://${rest}` : null;
}

/** Edits (insert, delete, replace) between two short words. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function hasScheme(typed: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(typed);
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function invalid(message: string): AppFailure {
  return new AppFailure('validation', message, { fields: { url: message } });
}
