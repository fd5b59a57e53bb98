import keytar from '@github/keytar';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, ipcMain, net, session } from '../../tests/mocks/electron';
import { requireKeychain, secretServiceAvailable } from '../../tests/support/secretService';
import { createTestCa, type IssuedCertificate, type TestCa } from '../../tests/support/testCertificates';
import type { NetworkPrompt } from '../../shared/networkSchemas';
import { appId } from '../core/appIdentity';
import { startShell } from './shell';
import { createRequire } from 'node:module';

type Handle = (
  event: { senderFrame: unknown },
  payload: unknown,
) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

// The real native module: the core opens its database with it, as in the app.
const sqliteBinding = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
const paths = { preload: '/app/out/preload/index.cjs', renderer: '/app/out/renderer', sqliteBinding };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const keychain = await secretServiceAvailable();
if (!keychain && requireKeychain) throw new Error('No Secret Service answers: run the tests through tools/with-keyring.sh.');

const infoReply = () =>
  new Response(JSON.stringify({ version: '8.0.0', success: true }), { headers: { 'Content-Type': 'application/json' } });

/** The Electron shell's network, with a recording `electron`: what Chromium asks, the core answers. */
describe('the shell gives the core Chromium’s network', () => {
  let ca: TestCa;
  let certificate: IssuedCertificate;

  beforeAll(() => {
    ca = createTestCa();
    certificate = ca.server(['chat.corp.example']);
  });
  afterAll(() => ca.remove());
  beforeEach(async () => {
    app.removeAllListeners();
    app.userData = fs.mkdtempSync(path.join(os.tmpdir(), 'am-shell-net-'));
    BrowserWindow.created = [];
    ipcMain.handlers.clear();
    net.fetch.mockReset();
    net.requests.length = 0;
    session.defaultSession.verifyProc = null;
    session.defaultSession.verifyProcInstalls = 0;
    session.defaultSession.closeAllConnections.mockClear();
    startShell(paths);
    app.becomeReady();
    await tick();
  });
  afterEach(() => {
    app.emit('will-quit');
    fs.rmSync(app.userData, { recursive: true, force: true });
  });

  const call = (channel: string, payload: unknown) =>
    (ipcMain.handlers.get(channel) as Handle)({ senderFrame: BrowserWindow.created[0]!.webContents.mainFrame }, payload);
  const prompts = () =>
    BrowserWindow.created[0]!.webContents.sent.flatMap(({ payload }) => {
      const { event, payload: prompt } = payload as { event: string; payload: NetworkPrompt };
      return event === 'network.prompt' ? [prompt] : [];
    });

  it('hands the core net.fetch: its requests go through Chromium, and the About screen names the system proxy', async () => {
    net.fetch.mockImplementation(() => Promise.resolve(infoReply()));
    session.defaultSession.resolveProxy.mockImplementation((url: string) =>
      Promise.resolve(url.includes('chat.corp.example') ? 'PROXY proxy.corp:3128' : 'DIRECT'),
    );
    expect(await call('servers.add', { url: 'chat.corp.example' })).toMatchObject({ ok: true });
    expect(String(net.fetch.mock.calls[0]![0])).toBe('https://chat.corp.example/api/info');
    expect(await call('network.info', {})).toMatchObject({
      ok: true,
      value: { proxySource: 'system', servers: [{ url: 'https://chat.corp.example', proxy: 'Proxy proxy.corp:3128' }] },
    });
  });

  it('tells net::ERR_* failures in the same words as Node failures, without the code', async () => {
    const table: [string, RegExp][] = [
      ['net::ERR_PROXY_CONNECTION_FAILED', /^The proxy server cannot be reached, so the app cannot reach chat\.corp\.example through it\./],
      ['net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED', /^chat\.corp\.example asks for a client certificate/],
      ['net::ERR_NAME_NOT_RESOLVED', /could not be found/],
    ];
    for (const [name, words] of table) {
      net.fetch.mockImplementation(() => Promise.reject(new Error(name)));
      const result = await call('servers.add', { url: 'chat.corp.example' });
      expect(result.error?.message).toMatch(words);
      expect(result.error?.message).not.toContain('ERR_');
    }
  });

  it('installs a verify proc that accepts a certificate Chromium refused only after the person trusted it for that server', async () => {
    expect(session.defaultSession.verifyProc).not.toBeNull();
    // Chromium's side: each request asks the proc about the server's certificate.
    net.fetch.mockImplementation(async (input: string) => {
      const verdict = await new Promise<number>((resolve) =>
        session.defaultSession.verifyProc!(
          {
            hostname: new URL(String(input)).hostname,
            certificate: { data: certificate.cert },
            verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID',
            errorCode: -202,
          },
          resolve,
        ),
      );
      if (verdict !== 0) throw new Error('net::ERR_CERT_AUTHORITY_INVALID');
      return infoReply();
    });
    expect(await call('servers.add', { url: 'chat.corp.example' })).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
    const review = await call('certificates.review', { url: 'chat.corp.example' });
    expect(review).toMatchObject({ ok: true, value: { problem: 'untrusted', certificate: { fingerprint: certificate.fingerprint } } });
    const installs = session.defaultSession.verifyProcInstalls;
    expect(await call('certificates.trust', { url: 'chat.corp.example', fingerprint: certificate.fingerprint })).toMatchObject({
      ok: true,
    });
    // Chromium caches the proc's answers: a fresh proc and fresh connections after every decision.
    expect(session.defaultSession.verifyProcInstalls).toBe(installs + 1);
    expect(session.defaultSession.closeAllConnections).toHaveBeenCalled();
    expect(await call('servers.add', { url: 'chat.corp.example' })).toMatchObject({ ok: true });
  });

  it('answers select-client-certificate with the certificate the person chose for that server, and remembers it', async () => {
    const kiosk = ca.client('Shared Kiosk');
    const mine = ca.client('Ann Example');
    const offered = [{ data: kiosk.cert }, { data: mine.cert }];
    const chosen = vi.fn();
    const preventDefault = vi.fn();
    app.emit('select-client-certificate', { preventDefault }, null, 'https://chat.corp.example/api/info', offered, chosen);
    expect(preventDefault).toHaveBeenCalled();
    await expect.poll(() => prompts().length).toBe(1);
    expect(prompts()[0]).toMatchObject({ kind: 'client-certificate', server: 'chat.corp.example' });
    expect(
      await call('network.answerPrompt', { promptId: prompts()[0]!.promptId, answer: { fingerprint: mine.fingerprint } }),
    ).toMatchObject({
      ok: true,
    });
    await expect.poll(() => chosen.mock.calls.length).toBe(1);
    expect(chosen).toHaveBeenCalledWith(offered[1]);

    const again = vi.fn();
    app.emit('select-client-certificate', { preventDefault }, null, 'https://chat.corp.example/', [offered[1], offered[0]], again);
    await expect.poll(() => again.mock.calls.length).toBe(1);
    expect(again).toHaveBeenCalledWith(offered[1]);
    expect(prompts()).toHaveLength(1);
  });

  it('signs in to a proxy that refused net.fetch for want of a sign-in, then tries the request once more', async () => {
    net.fetch.mockRejectedValueOnce(new Error('net::ERR_TUNNEL_CONNECTION_FAILED')).mockResolvedValueOnce(infoReply());
    const adding = call('servers.add', { url: 'chat.corp.example' });
    await expect.poll(() => net.requests.length).toBe(1);
    const probe = net.requests[0]!;
    expect(probe.options).toMatchObject({ url: 'https://chat.corp.example/api/info', method: 'HEAD', credentials: 'omit' });
    expect(probe.ended).toBe(true);
    const answer = vi.fn();
    probe.emit('login', { isProxy: true, host: 'proxy.corp', port: 3128, realm: 'Corp', scheme: 'basic' }, answer);
    await expect.poll(() => prompts().length).toBe(1);
    expect(prompts()[0]).toMatchObject({ kind: 'proxy-sign-in', proxy: 'proxy.corp:3128', again: false });
    await call('network.answerPrompt', { promptId: prompts()[0]!.promptId, answer: { username: 'ann', password: 'proxy-pass' } });
    await expect.poll(() => answer.mock.calls.length).toBe(1);
    expect(answer).toHaveBeenCalledWith('ann', 'proxy-pass');
    probe.emit('response', { statusCode: 200 });
    expect(await adding).toMatchObject({ ok: true });
    expect(net.fetch).toHaveBeenCalledTimes(2);
    await keytar.deletePassword(appId, 'proxy:proxy.corp:3128').catch(() => false);
  });

  it('does not try again when no sign-in was asked for: the proxy simply refused', async () => {
    net.fetch.mockRejectedValue(new Error('net::ERR_TUNNEL_CONNECTION_FAILED'));
    const adding = call('servers.add', { url: 'chat.corp.example' });
    await expect.poll(() => net.requests.length).toBe(1);
    net.requests[0]!.emit('response', { statusCode: 403 });
    const result = await adding;
    expect(result.error?.message).toMatch(/^The proxy server refused to connect the app to chat\.corp\.example/);
    expect(net.fetch).toHaveBeenCalledTimes(1);
  });

  describe.runIf(keychain)('proxy sign-ins and the keychain', () => {
    const account = 'proxy:proxy.corp:3128';
    afterEach(async () => {
      await keytar.deletePassword(appId, account).catch(() => false);
    });

    it('answers a proxy `login` from the keychain, asks the person when it has none or it was refused, and never answers a server', async () => {
      const preventDefault = vi.fn();
      const authInfo = { isProxy: true, host: 'proxy.corp', port: 3128, realm: 'Corp', scheme: 'basic' };
      const first = vi.fn();
      app.emit('login', { preventDefault }, null, { firstAuthAttempt: true, url: 'https://chat.corp.example/' }, authInfo, first);
      expect(preventDefault).toHaveBeenCalled();
      await expect.poll(() => prompts().length).toBe(1);
      await call('network.answerPrompt', { promptId: prompts()[0]!.promptId, answer: { username: 'ann', password: 'proxy-pass' } });
      await expect.poll(() => first.mock.calls.length).toBe(1);
      expect(first).toHaveBeenCalledWith('ann', 'proxy-pass');
      expect(await keytar.getPassword(appId, account)).toBe(JSON.stringify({ username: 'ann', password: 'proxy-pass' }));

      const known = vi.fn();
      app.emit('login', { preventDefault }, null, { firstAuthAttempt: true, url: 'https://chat.corp.example/' }, authInfo, known);
      await expect.poll(() => known.mock.calls.length).toBe(1);
      expect(known).toHaveBeenCalledWith('ann', 'proxy-pass');
      expect(prompts()).toHaveLength(1);

      const refused = vi.fn();
      app.emit('login', { preventDefault }, null, { firstAuthAttempt: false, url: 'https://chat.corp.example/' }, authInfo, refused);
      await expect.poll(() => prompts().length).toBe(2);
      expect(prompts()[1]).toMatchObject({ again: true });
      expect(await keytar.getPassword(appId, account)).toBeNull();
      await call('network.answerPrompt', { promptId: prompts()[1]!.promptId, answer: null });
      await expect.poll(() => refused.mock.calls.length).toBe(1);
      expect(refused).toHaveBeenCalledWith();

      const serverPrevent = vi.fn();
      app.emit(
        'login',
        { preventDefault: serverPrevent },
        null,
        { firstAuthAttempt: true, url: 'https://chat.corp.example/' },
        { ...authInfo, isProxy: false },
        vi.fn(),
      );
      expect(serverPrevent).not.toHaveBeenCalled();
    });
  });
});
