import type { Protocol } from 'electron';
import { contentSecurityPolicy, readRendererFile } from '../core';

export const appScheme = 'app';
export const appOrigin = `${appScheme}://bundle`;

/** The UI talks to the core only through IPC: it may connect nowhere. */
export const appContentSecurityPolicy = contentSecurityPolicy("'none'");

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
  const file = `${appScheme}://${host}` === appOrigin ? await readRendererFile(rendererDir, pathname) : null;
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(file.body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Security-Policy': appContentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
