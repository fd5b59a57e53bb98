// Small HTML replies for the browser leg of single sign-on (pages and redirects).
import type { Reply } from '../http/router';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** JSON that can sit inside a <script> element without closing it. */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

export function htmlPage(title: string, body: string, status = 200): Reply {
  const raw = `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
  return { status, raw, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
}

export const redirectTo = (location: string): Reply => ({ status: 302, raw: '', headers: { Location: location } });

/** A hidden form field, escaped. */
export const hiddenField = (name: string, value: string): string =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
