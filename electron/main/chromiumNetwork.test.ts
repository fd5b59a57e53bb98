import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, internet, net, session } from '../../tests/mocks/electron';
import type { ShellHandle } from '../../tests/support/shellHarness';
import { resetFakeElectron, serve, startTestShell, stopShell } from '../../tests/support/shellHarness';
import { createTestCa, type IssuedCertificate, type TestCa } from '../../tests/support/testCertificates';

/** The Electron shell's network, against a fake Chromium that caches, proxies and keeps cookies as Chromium does. */
describe('the shell gives the core Chromium’s network', () => {
  let ca: TestCa;
  let certificate: IssuedCertificate;
  let shell: ShellHandle;

  beforeAll(() => {
    ca = createTestCa();
    certificate = ca.server(['chat.corp.example']);
  });
  afterAll(() => ca.remove());
  beforeEach(async () => {
    resetFakeElectron();
    shell = await startTestShell();
  });
  afterEach(() => stopShell());

  it('sends the core’s requests through an in-memory session of its own with no HTTP cache, and About names the system proxy', async () => {
    serve('https://chat.corp.example');
    internet.proxies.set('proxy.corp:3128', {});
    internet.pac = (url) => (url.includes('chat.corp.example') ? 'PROXY proxy.corp:3128' : 'DIRECT');
    expect(await shell.call('servers.add', { url: 'chat.corp.example' })).toMatchObject({ ok: true });
    expect(internet.arrivals).toEqual([
      expect.objectContaining({ url: 'https://chat.corp.example/api/info', via: 'PROXY proxy.corp:3128' }),
    ]);
    expect(internet.arrivals[0]!.partition).toMatch(/^core-net-/);
    expect(shell.coreSession().options).toEqual({ cache: false });
    expect(net.fetch).not.toHaveBeenCalled(); // the default session (the window's) carries nothing of the core's
    expect(await shell.call('network.info', {})).toMatchObject({
      ok: true,
      value: { proxySource: 'system', servers: [{ url: 'https://chat.corp.example', proxy: 'Proxy proxy.corp:3128' }] },
    });
  });

  it('tells net::ERR_* failures in the same words as Node failures, without the code', async () => {
    const table: [() => void, RegExp][] = [
      [
        () => {
          internet.pac = () => 'PROXY proxy.corp:3128';
          internet.proxies.set('proxy.corp:3128', { down: true });
        },
        /^The proxy server cannot be reached, so the app cannot reach chat\.corp\.example through it\./,
      ],
      [
        () => serve('https://chat.corp.example', { failWith: 'net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED' }),
        /^chat\.corp\.example asks for a client certificate/,
      ],
      [() => undefined, /could not be found/],
    ];
    for (const [arrange, words] of table) {
      internet.reset();
      arrange();
      const result = await shell.call('servers.add', { url: 'chat.corp.example' });
      expect(result.error?.message).toMatch(words);
      expect(result.error?.message).not.toContain('ERR_');
    }
  });

  it('lets "Trust" take effect at once and "Revoke" at once: each decision gives the core a new session, whose verdict cache is empty', async () => {
    serve('https://chat.corp.example', { certificate: certificate.cert, verdict: 'net::ERR_CERT_AUTHORITY_INVALID' });
    expect(await shell.call('servers.add', { url: 'chat.corp.example' })).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
    const review = await shell.call('certificates.review', { url: 'chat.corp.example' });
    expect(review).toMatchObject({ ok: true, value: { problem: 'untrusted', certificate: { fingerprint: certificate.fingerprint } } });
    expect(await shell.call('certificates.trust', { url: 'chat.corp.example', fingerprint: certificate.fingerprint })).toMatchObject({
      ok: true,
    });
    // Chromium still holds the refusal for 30 minutes in the session that saw it; the request goes through anyway.
    expect(await shell.call('servers.add', { url: 'chat.corp.example' })).toMatchObject({ ok: true });
    expect(await shell.call('certificates.revoke', { url: 'chat.corp.example' })).toMatchObject({ ok: true });
    // Refused again at once: the accepting verdict stays behind with the session that reached it.
    expect(await shell.call('servers.add', { url: 'chat.corp.example' })).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });

    const [first, trusted, revoked] = session.made('core-net-');
    expect(session.made('core-net-')).toHaveLength(3);
    expect(first!.verdictCache.size).toBe(1);
    expect(first!.closeAllConnections).toHaveBeenCalled();
    expect(trusted!.verifyCalls).toEqual([expect.objectContaining({ hostname: 'chat.corp.example', answer: 0 })]);
    expect(trusted!.closeAllConnections).toHaveBeenCalled();
    expect(revoked!.verifyCalls).toEqual([expect.objectContaining({ hostname: 'chat.corp.example', answer: -3 })]);
  });

  it('keeps no cookie and no cached reply: what one account’s requests are told never travels with another’s', async () => {
    let served = 0;
    serve('https://chat.corp.example', {
      more: (request) => {
        if (new URL(request.url).pathname !== '/api/info') return null;
        served += 1;
        return new Response(JSON.stringify({ version: '8.0.0', success: true }), {
          headers: {
            'Content-Type': 'application/json',
            'Set-Cookie': `rc_session=account-${served}; Path=/`,
            'Cache-Control': 'max-age=3600',
          },
        });
      },
    });
    expect(await shell.call('servers.add', { url: 'chat.corp.example' })).toMatchObject({ ok: true });
    expect(await shell.call('servers.add', { url: 'chat.corp.example' })).toMatchObject({ ok: true });
    expect(internet.arrivals.map((arrival) => arrival.cookie)).toEqual([null, null]);
    expect(shell.coreSession().cookieJar.size).toBe(0);
    expect(shell.coreSession().httpCache.size).toBe(0);
  });

  it('answers select-client-certificate with the certificate the person chose for that server, and remembers it', async () => {
    const kiosk = ca.client('Shared Kiosk');
    const mine = ca.client('Ann Example');
    const offered = [{ data: kiosk.cert }, { data: mine.cert }];
    const chosen = vi.fn();
    const preventDefault = vi.fn();
    app.emit('select-client-certificate', { preventDefault }, null, 'https://chat.corp.example/api/info', offered, chosen);
    expect(preventDefault).toHaveBeenCalled();
    await expect.poll(() => shell.prompts().length).toBe(1);
    expect(shell.prompts()[0]).toMatchObject({ kind: 'client-certificate', server: 'chat.corp.example' });
    const answer = { promptId: shell.prompts()[0]!.promptId, answer: { fingerprint: mine.fingerprint } };
    expect(await shell.call('network.answerPrompt', answer)).toMatchObject({ ok: true });
    await expect.poll(() => chosen.mock.calls.length).toBe(1);
    expect(chosen).toHaveBeenCalledWith(offered[1]);

    const again = vi.fn();
    app.emit('select-client-certificate', { preventDefault }, null, 'https://chat.corp.example/', [offered[1], offered[0]], again);
    await expect.poll(() => again.mock.calls.length).toBe(1);
    expect(again).toHaveBeenCalledWith(offered[1]);
    expect(shell.prompts()).toHaveLength(1);
  });
});
