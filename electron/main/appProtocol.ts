import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';

export const appScheme = 'app';
export const appOrigin = `${appScheme}://bundle`;

/** No inline script, no eval, no remote origin: the UI talks to the core only through IPC. */
export const appContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Must run before `app.whenReady()`: app:// behaves like https (secure context, fetch). */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/**
 * Serves the built renderer from app://bundle/ with the CSP header on every reply.
 * Paths cannot climb out of the renderer folder.
 */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(appScheme, (request) => respond(rendererDir, request.url));
}

export async function respond(rendererDir: string, url: string): Promise<Response> {
  const { host, pathname } = new URL(url);
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, decodeURIComponent(pathname === '/' ? '/index.html' : pathname).replace(/^\/+/, ''));
  if (`${appScheme}://${host}` !== appOrigin || !file.startsWith(root + path.sep)) {
    return new Response('Not found', { status: 404 });
  }
  try {
    const body = await fs.readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': appContentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
