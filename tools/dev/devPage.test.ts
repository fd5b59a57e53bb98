import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/browserHost';
import { repoRoot } from '../../electron/browser-host/launchBrowserHost';
import { createCore, type Core } from '../../electron/core/createCore';
import { MemoryVault } from '../../electron/core/vault/memoryVault';
import { makeTempDir } from '../../tests/support/tempDir';
import { devMode } from './devMode';
import { startDevPage, type DevPage } from './devPage';

const secret = 'dev-secret-0123456789';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Opens a socket and resolves with it, or with the HTTP status it was refused with. */
function connect(url: string, origin: string): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { origin });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
}

describe('npm run dev in the browser host', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let page: DevPage;
  let host: BrowserHost;
  let notTold: BrowserHost;

  beforeAll(async () => {
    temp = makeTempDir();
    core = createCore({ dataDir: path.join(temp.dir, 'data'), vault: new MemoryVault(), version: '3.0.0', shell: 'browser-host' });
    page = await startDevPage({ root: repoRoot, port: 0 });
    const rendererDir = path.join(temp.dir, 'renderer');
    fs.mkdirSync(rendererDir);
    host = await startBrowserHost({ core, rendererDir, port: 0, secret, devOrigin: page.origin });
    notTold = await startBrowserHost({ core, rendererDir, port: 0, secret });
  });

  afterAll(async () => {
    await page.close();
    await host.close();
    await notTold.close();
    core.close();
    temp.cleanup();
  });

  const socketUrl = (key = secret) => `${page.origin.replace('http', 'ws')}/ipc?secret=${key}`;

  it('serves the renderer from source on 127.0.0.1, its CSP widened only by this start’s nonce', async () => {
    expect(page.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { status, body } = await get(`${page.origin}/`);
    expect(status).toBe(200);
    const nonce = /<meta property="csp-nonce" nonce="([^"]+)"/.exec(body)?.[1];
    expect(nonce).toBeTruthy();
    expect(body).toContain(`script-src 'self' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}';`);
    expect(body).not.toContain('unsafe');
    expect(body).toContain(`<script type="module" src="/@vite/client" nonce="${nonce}">`);
    expect((await get(`${page.origin}/src/main.tsx`)).body).toContain('createRoot');
  });

  it('carries the page’s socket to the host, which answers calls', async () => {
    page.forwardSocketsTo(host.origin);
    const socket = await connect(socketUrl(), page.origin);
    expect(socket).toBeInstanceOf(WebSocket);
    const reply = await new Promise<{ id: number; result: { ok: boolean; value?: unknown } }>((resolve) => {
      (socket as WebSocket).once('message', (data) => resolve(JSON.parse(data.toString())));
      (socket as WebSocket).send(JSON.stringify({ type: 'call', id: 3, channel: 'app.info', payload: {} }));
    });
    expect(reply).toMatchObject({ id: 3, result: { ok: true, value: { shell: 'browser-host' } } });
    (socket as WebSocket).close();
  });

  it('still needs the secret, and the dev page’s own origin', async () => {
    page.forwardSocketsTo(host.origin);
    expect(await connect(socketUrl('guess'), page.origin)).toBe(401);
    expect(await connect(`${page.origin.replace('http', 'ws')}/ipc`, page.origin)).toBe(401);
    expect(await connect(socketUrl(), 'http://127.0.0.1:1')).toBe(403);
    expect(await connect(socketUrl(), 'http://evil.example')).toBe(403);
  });

  it('reaches no host that was not told the dev origin', async () => {
    page.forwardSocketsTo(notTold.origin);
    expect(await connect(socketUrl(), page.origin)).toBe(403);
  });
});

describe('which app npm run dev starts', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it('runs Electron where its binary is installed, the browser host where it is not or when asked', () => {
    expect(devMode(temp.dir)).toEqual({ kind: 'browser' });
    const electron = path.join(temp.dir, 'node_modules/electron');
    fs.mkdirSync(path.join(electron, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(electron, 'path.txt'), 'electron');
    // Named by npm's install script, but the download never came.
    expect(devMode(temp.dir)).toEqual({ kind: 'browser' });
    fs.writeFileSync(path.join(electron, 'dist/electron'), '');
    expect(devMode(temp.dir)).toEqual({ kind: 'electron', binary: path.join(electron, 'dist/electron') });
    expect(devMode(temp.dir, { browser: true })).toEqual({ kind: 'browser' });
  });
});
