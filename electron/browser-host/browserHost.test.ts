import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir } from '../../tests/support/tempDir';
import { createCore, type Core } from '../core/createCore';
import { MemoryVault } from '../core/vault/memoryVault';
import { startBrowserHost, type BrowserHost } from './browserHost';

const secret = 'test-secret-0123456789';

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      })
      .on('error', reject);
  });
}

/** Opens a socket and resolves with it, or with the HTTP status it was refused with. */
function connect(url: string, origin: string | undefined): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
}

function call(
  socket: WebSocket,
  frame: unknown,
): Promise<{ id: number; result: { ok: boolean; error?: { code: string }; value?: unknown } }> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())));
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('browser host', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  let host: BrowserHost;
  let socketUrl: string;

  beforeAll(async () => {
    temp = makeTempDir();
    const rendererDir = path.join(temp.dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Account Manager</title>');
    fs.writeFileSync(path.join(temp.dir, 'outside.txt'), 'not for the browser');
    core = createCore({ dataDir: path.join(temp.dir, 'data'), vault: new MemoryVault(), version: '3.0.0', shell: 'browser-host' });
    host = await startBrowserHost({ core, rendererDir, port: 0, secret });
    socketUrl = `${host.origin.replace('http', 'ws')}/ipc?secret=${secret}`;
  });

  afterAll(async () => {
    await host.close();
    core.close();
    temp.cleanup();
  });

  it('gives a 127.0.0.1 URL carrying the secret in its fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=test-secret-0123456789$/);
  });

  it('serves the renderer with a strict CSP and nothing outside it', async () => {
    const page = await get(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Account Manager');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    expect((await get(`${host.origin}/..%2foutside.txt`)).status).toBe(404);
    expect((await get(`${host.origin}/missing.js`)).status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get(`${host.origin}/`, { Host: 'attacker.example' })).status).toBe(421);
  });

  it('answers contract calls over a socket with the secret and our Origin', async () => {
    const socket = await connect(socketUrl, host.origin);
    expect(socket).toBeInstanceOf(WebSocket);
    const reply = await call(socket as WebSocket, { type: 'call', id: 7, channel: 'app.info', payload: {} });
    expect(reply.id).toBe(7);
    expect(reply.result).toMatchObject({ ok: true, value: { version: '3.0.0', shell: 'browser-host' } });
    (socket as WebSocket).close();
  });

  it('refuses a socket without the secret, with a wrong one, or from another Origin', async () => {
    expect(await connect(`${host.origin.replace('http', 'ws')}/ipc`, host.origin)).toBe(401);
    expect(await connect(`${host.origin.replace('http', 'ws')}/ipc?secret=guess`, host.origin)).toBe(401);
    expect(await connect(socketUrl, 'http://evil.example')).toBe(403);
    expect(await connect(socketUrl, undefined)).toBe(403);
    expect(await connect(socketUrl.replace('/ipc', '/other'), host.origin)).toBe(404);
  });

  it('answers malformed frames with validation and keeps serving', async () => {
    const socket = (await connect(socketUrl, host.origin)) as WebSocket;
    const bad = await call(socket, { type: 'call', id: 1, channel: 'app.info', payload: { nope: true } });
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'validation' } });
    const unknown = await call(socket, { type: 'call', id: 2, channel: 'accounts.steal', payload: {} });
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'validation' } });
    const shape = await call(socket, { type: 'nonsense', id: 3 });
    expect(shape).toMatchObject({ id: 3, result: { ok: false, error: { code: 'validation' } } });
    socket.send('not json at all');
    const good = await call(socket, { type: 'call', id: 4, channel: 'app.info', payload: {} });
    expect(good).toMatchObject({ id: 4, result: { ok: true } });
    socket.close();
  });

  it('pushes core events to connected pages', async () => {
    const socket = (await connect(socketUrl, host.origin)) as WebSocket;
    const received = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
    core.events.emit('connectivity.changed', { serverId: 's1', online: false });
    expect(await received).toEqual({ type: 'event', event: 'connectivity.changed', payload: { serverId: 's1', online: false } });
    socket.close();
  });
});
