import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The built renderer as both shells serve it (app:// in Electron, http on 127.0.0.1 in
 * the browser host): one content-security policy and one safe way to read its files.
 */

/** Only our own bundled scripts and styles; no inline script, no eval, no remote origin, no framing. */
export function contentSecurityPolicy(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface RendererFile {
  body: Buffer;
  contentType: string;
}

/**
 * The file a URL path names inside the renderer folder, or null: for a path that would
 * climb out of the folder, a malformed escape, or a file that is not there.
 */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // a malformed escape names no file of ours: not found
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, ''));
  if (!file.startsWith(root + path.sep)) return null;
  try {
    return { body: await fs.readFile(file), contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null; // not there (or not a file): the caller answers not found
  }
}
