// The demo identity provider's sign-in page: one "Sign in as …" button per user the seed
// links to the provider, and "Deny", which makes the provider refuse with the typed reason.
import type { Reply } from '../http/router';
import type { UserDoc } from '../state/types';
import { escapeHtml, hiddenField, htmlPage } from './html';

export interface IdpPageOptions {
  /** What the user is signing in to, e.g. "OAuth service idp". */
  purpose: string;
  action: string;
  hidden: Record<string, string>;
  users: UserDoc[];
}

export const DEFAULT_DENY_REASON = 'The user refused to sign in.';

export function idpSignInPage(options: IdpPageOptions): Reply {
  const hidden = Object.entries(options.hidden)
    .map(([name, value]) => hiddenField(name, value))
    .join('');
  const buttons = options.users
    .map((u) => {
      const label = `${u.name ?? u.username ?? u._id} (${u.username ?? u._id})`;
      return `<li><button type="submit" name="user" value="${escapeHtml(u._id)}">Sign in as ${escapeHtml(label)}</button></li>`;
    })
    .join('');
  const body =
    `<h1>Demo identity provider</h1><p>Sign in to ${escapeHtml(options.purpose)}.</p>` +
    `<form method="post" action="${escapeHtml(options.action)}">${hidden}<ul>${buttons}</ul>` +
    `<p><label>Reason for refusing <input name="reason" value="${escapeHtml(DEFAULT_DENY_REASON)}"></label> ` +
    `<button type="submit" name="deny" value="1">Deny</button></p></form>`;
  return htmlPage('Demo identity provider', body);
}

export const idpErrorPage = (message: string, status = 400): Reply =>
  htmlPage('Demo identity provider', `<h1>Demo identity provider</h1><p role="alert">${escapeHtml(message)}</p>`, status);

/** A form field of the posted page (urlencoded bodies arrive as a record of strings). */
export const field = (body: unknown, name: string): string => {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
};
