// The browser's part of single sign-on, done over HTTP: read a page's form, post it as a
// browser would (urlencoded), follow Location headers by hand, read the OAuth end page.
import type { Client, Res } from './helpers';

const decodeEntities = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export interface PageForm {
  action: string;
  fields: Record<string, string>;
  /** Values of the "Sign in as …" buttons (user ids), with their labels. */
  users: { id: string; label: string }[];
}

export function formOf(html: string): PageForm {
  const action = /<form[^>]*\saction="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form in page: ${html}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[decodeEntities(m[1] ?? '')] = decodeEntities(m[2] ?? '');
  }
  const users = [...html.matchAll(/<button type="submit" name="user" value="([^"]*)">([^<]*)<\/button>/g)].map((m) => ({
    id: decodeEntities(m[1] ?? ''),
    label: decodeEntities(m[2] ?? ''),
  }));
  return { action: decodeEntities(action), fields, users };
}

/** Posts a form urlencoded, without following redirects. `action` may be absolute. */
export function postForm(c: Client, action: string, fields: Record<string, string>): Promise<Res> {
  return c.call('POST', pathOf(c, action), {
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

/** The path and query of a URL on this server (Location headers are absolute). */
export function pathOf(c: Client, url: string): string {
  if (url.startsWith('/')) return url;
  if (!url.startsWith(c.url)) throw new Error(`${url} is not on ${c.url}`);
  return url.slice(c.url.length) || '/';
}

export function locationOf(res: Res): string {
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`expected a redirect, got ${res.status} ${res.text}`);
  return location;
}

/** The config an OAuth end page hands to its script (Meteor's end_of_*_response). */
export function endPageConfig(html: string): Record<string, unknown> {
  const json = /<script type="application\/json" id="config">([^<]*)<\/script>/.exec(html)?.[1];
  if (json === undefined) throw new Error(`no config in page: ${html}`);
  return JSON.parse(json) as Record<string, unknown>;
}

/** Meteor's OAuth state parameter: base64 JSON. */
export const oauthState = (state: Record<string, unknown>): string => Buffer.from(JSON.stringify(state)).toString('base64');

/** Which button of the demo IdP page to press. */
export type IdpChoice = { user: string } | { deny: string };

export const answerOf = (choose: IdpChoice): Record<string, string> =>
  'user' in choose ? { user: choose.user } : { deny: '1', reason: choose.deny };
