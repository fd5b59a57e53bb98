import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, callResult } from '../../../tests/support/coreCall';
import { makeTempDir } from '../../../tests/support/tempDir';
import { startTestServer, type TestServer } from '../../../tests/support/usersApiServer';
import { createCore, type Core } from '../createCore';
import { MemoryVault } from '../vault/memoryVault';

const rawCode = /E[A-Z_]{3,}|ERR_|UND_ERR/;

/** A port on this computer where nothing listens. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('adding a server by what a person types', () => {
  let server: TestServer;
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  const start = () => createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1.0.0', shell: 'test', requestTimeoutMs: 3000 });
  const add = (url: string) => callResult(core, 'servers.add', { url });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    temp = makeTempDir();
    core = start();
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('an address on this computer without a scheme tries https, then reaches the plain http server', async () => {
    const hostPort = new URL(server.url).host;
    const added = await call(core, 'servers.add', { url: hostPort });
    expect(added.url).toBe(`http://${hostPort}`);
    expect(added.version).toMatch(/^\d+\.\d+/);
  });

  it('https typed for a plain http server is named a wrong protocol, in words, with the code only in detail', async () => {
    const hostPort = new URL(server.url).host;
    const result = await add(`https://${hostPort}`);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'network-unreachable',
        detail: 'ERR_SSL_WRONG_VERSION_NUMBER',
        fields: { url: expect.stringContaining(`does not answer secure (https) connections`) },
      },
    });
    expect(!result.ok && result.error.message).toContain(`type http://${hostPort}`);
    expect(!result.ok && result.error.message).not.toMatch(rawCode);
  });

  it('nothing listening: both addresses are tried and the answer says nothing answers there', async () => {
    const port = await closedPort();
    const result = await add(`127.0.0.1:${port}`);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'network-unreachable', detail: 'ECONNREFUSED', message: expect.stringContaining('nothing answers at that address') },
    });
    expect(!result.ok && result.error.message).not.toMatch(rawCode);
  });

  it('off this computer an address without a scheme is https only', async () => {
    // .invalid never resolves (RFC 6761): one try, over https.
    const result = await add('chat.example.invalid');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'network-unreachable', message: expect.stringContaining('could not be found') },
    });
  });

  it('a link copied from the web app, or an API address from the docs, finds the server above it', async () => {
    expect((await call(core, 'servers.add', { url: `${server.url}/channel/general?msg=abc#top` })).url).toBe(server.url);
    expect((await call(core, 'servers.add', { url: `${server.url}/api/v1` })).url).toBe(server.url);
    expect(await call(core, 'servers.list', {})).toHaveLength(1);
  });

  it('a server installed under a path is found at that path, not at the bare host', async () => {
    // A front server that passes /chat/… to the users API and answers 404 for everything else.
    const target = new URL(server.url);
    const front = http.createServer((request, response) => {
      if (!request.url?.startsWith('/chat/')) return void response.writeHead(404).end('Not found');
      const forwarded = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: request.url.slice('/chat'.length),
          method: request.method,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      request.pipe(forwarded);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
      expect((await call(core, 'servers.add', { url: `${base}/chat/channel/general` })).url).toBe(`${base}/chat`);
    } finally {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
    }
  });

  it('a web server that is not a users API server at any level says so, after a bounded climb', async () => {
    const asked: string[] = [];
    const other = http.createServer((request, response) => {
      asked.push(request.url ?? '');
      response.writeHead(404).end('Not found');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const host = `127.0.0.1:${(other.address() as AddressInfo).port}`;
      const result = await add(`http://${host}/a/b/c/d/e/f`);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: `${host} answers, but it is not a Rocket.Chat users API server. Check the address.` },
      });
      // The typed address, at most four levels above it, then the bare host.
      expect(asked).toEqual([
        '/a/b/c/d/e/f/api/info',
        '/a/b/c/d/e/api/info',
        '/a/b/c/d/api/info',
        '/a/b/c/api/info',
        '/a/b/api/info',
        '/api/info',
      ]);
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('a managed server keeps its name, and failures call it by that name', async () => {
    core.close();
    fs.writeFileSync(path.join(temp.dir, 'servers.json'), JSON.stringify({ 'Demo server': server.url }));
    core = start();
    const known = await call(core, 'servers.add', { url: new URL(server.url).host });
    expect(known).toMatchObject({ name: 'Demo server', url: server.url });
    expect(await call(core, 'servers.list', {})).toHaveLength(1);

    await server.dropConnections({ route: '/api/info', times: 1 });
    const result = await add(server.url);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Demo server cannot be reached right now/) } });
  });

  describe('with an https-only server on this computer', () => {
    let tls: https.Server;
    let tlsPort: number;
    beforeAll(async () => {
      const dir = makeTempDir();
      // A throwaway self-signed certificate: the app must refuse it (never trusted), and must say so.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-keyout',
          path.join(dir.dir, 'key.pem'),
          '-out',
          path.join(dir.dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      tls = https.createServer(
        { key: fs.readFileSync(path.join(dir.dir, 'key.pem')), cert: fs.readFileSync(path.join(dir.dir, 'cert.pem')) },
        (_q, r) => r.end('{}'),
      );
      dir.cleanup();
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      tlsPort = (tls.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => tls.close(resolve)));

    it('plain http typed for it says it answers only secure connections', async () => {
      const result = await add(`http://127.0.0.1:${tlsPort}`);
      expect(result).toMatchObject({
        ok: false,
        error: { message: `127.0.0.1:${tlsPort} answers only secure connections. Use the address https://127.0.0.1:${tlsPort}.` },
      });
    });

    it('without a scheme its untrusted certificate is the answer, not a fall back to plain http', async () => {
      const result = await add(`127.0.0.1:${tlsPort}`);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'tls-untrusted', detail: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: expect.stringContaining('certificate') },
      });
    });
  });
});
