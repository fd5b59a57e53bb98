import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
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

/** A WebSocket opened by hand, so a test can write frames no well-behaved client would. */
async function rawSocket(origin: string, path: string): Promise<net.Socket> {
  const { port } = new URL(origin);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Origin: ${origin}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  const head = await new Promise<string>((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
  });
  expect(head).toMatch(/^HTTP\/1\.1 101/);
  return socket;
}

/** One frame: FIN, the given first byte's flags and opcode, masked unless told not to. */
function frame(firstByte: number, payload: Buffer, masked = true): Buffer {
  const mask = randomBytes(4);
  const body = masked ? Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!)) : payload;
  return Buffer.concat([Buffer.from([firstByte, (masked ? 0x80 : 0) | payload.length]), masked ? mask : Buffer.alloc(0), body]);
}

/** Resolves when the other side has closed the connection (what it sent before is read and dropped). */
const closed = (socket: net.Socket) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed) return resolve();
    socket.once('close', () => resolve());
    socket.resume();
  });

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

  it.each([
    ['invalid UTF-8 in a text frame', frame(0x81, Buffer.from([0xff, 0xfe, 0xfd]))],
    ['an unmasked frame', frame(0x81, Buffer.from('{}'), false)],
    ['RSV1 set without an extension', frame(0x80 | 0x40 | 0x01, Buffer.from('{}'))],
    ['the reserved opcode 3', frame(0x83, Buffer.from('{}'))],
    ['close code 999', frame(0x88, Buffer.from([0x03, 0xe7]))],
  ])('a socket that sends %s is closed, and the host keeps serving', async (_what, bytes) => {
    const socket = await rawSocket(host.origin, `/ipc?secret=${secret}`);
    socket.on('error', () => undefined); // the server may reset it: that is the point
    socket.write(bytes);
    await closed(socket);
    const fresh = (await connect(socketUrl, host.origin)) as WebSocket;
    expect(await call(fresh, { type: 'call', id: 1, channel: 'app.info', payload: {} })).toMatchObject({ result: { ok: true } });
    fresh.close();
  });

  it('closes a socket that sends a message over the frame limit (a 9 MiB paste), and keeps serving', async () => {
    const socket = (await connect(socketUrl, host.origin)) as WebSocket;
    socket.on('error', () => undefined);
    const gone = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'call', id: 1, channel: 'directory.search', payload: { query: 'x'.repeat(9 * 1024 * 1024) } }));
    expect(await gone).toBe(1009); // "message too big"
    const fresh = (await connect(socketUrl, host.origin)) as WebSocket;
    expect(await call(fresh, { type: 'call', id: 2, channel: 'app.info', payload: {} })).toMatchObject({ result: { ok: true } });
    fresh.close();
  });

  it('pushes core events to connected pages', async () => {
    const socket = (await connect(socketUrl, host.origin)) as WebSocket;
    const received = new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
    core.events.emit('connectivity.changed', { serverId: 's1', online: false });
    expect(await received).toEqual({ type: 'event', event: 'connectivity.changed', payload: { serverId: 's1', online: false } });
    socket.close();
  });

  describe('with small limits', () => {
    let limited: BrowserHost;
    let limitedSocketUrl: string;
    beforeAll(async () => {
      limited = await startBrowserHost({
        core,
        rendererDir: path.join(temp.dir, 'renderer'),
        port: 0,
        secret,
        limits: { sockets: 3, headersTimeoutMs: 300, requestTimeoutMs: 600 },
      });
      limitedSocketUrl = `${limited.origin.replace('http', 'ws')}/ipc?secret=${secret}`;
    });
    afterAll(() => limited.close());

    it('refuses windows past its limit, and takes one again when another closes', async () => {
      const open = await Promise.all([1, 2, 3].map(() => connect(limitedSocketUrl, limited.origin)));
      expect(open.every((socket) => socket instanceof WebSocket)).toBe(true);
      expect(await connect(limitedSocketUrl, limited.origin)).toBe(503);
      const first = open[0] as WebSocket;
      const gone = new Promise((resolve) => first.once('close', resolve));
      first.close();
      await gone;
      await expect
        .poll(async () => {
          const again = await connect(limitedSocketUrl, limited.origin);
          if (again instanceof WebSocket) again.close();
          return again instanceof WebSocket;
        })
        .toBe(true);
      for (const socket of open.slice(1)) (socket as WebSocket).close();
    });

    it('drops a connection whose request headers never finish (slow-loris)', async () => {
      const { port } = new URL(limited.origin);
      const socket = net.connect(Number(port), '127.0.0.1');
      socket.on('error', () => undefined);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
      await closed(socket); // the host ends it; without a headers timeout it would wait for ever
      expect((await get(`${limited.origin}/`)).status).toBe(200);
    });
  });

  describe('heartbeat', () => {
    let beating: BrowserHost;
    let beatingUrl: string;
    beforeAll(async () => {
      beating = await startBrowserHost({
        core,
        rendererDir: path.join(temp.dir, 'renderer'),
        port: 0,
        secret,
        limits: { heartbeatMs: 40 },
      });
      beatingUrl = `${beating.origin.replace('http', 'ws')}/ipc?secret=${secret}`;
    });
    afterAll(() => beating.close());

    it('keeps a window that answers pings through many heartbeats, and drops one that does not', async () => {
      const live = (await connect(beatingUrl, beating.origin)) as WebSocket;
      await new Promise<void>((resolve) => {
        let pings = 0;
        live.on('ping', () => ++pings === 5 && resolve());
      });
      expect(live.readyState).toBe(WebSocket.OPEN);
      expect((await call(live, { type: 'call', id: 1, channel: 'app.info', payload: {} })).result.ok).toBe(true);
      live.close();

      const silent = new WebSocket(beatingUrl, { origin: beating.origin, autoPong: false });
      await new Promise((resolve) => silent.once('open', resolve));
      await new Promise((resolve) => silent.once('close', resolve)); // cut by the host: it never answered a ping
    });
  });
});
