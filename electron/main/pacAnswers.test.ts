import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { app, internet } from '../../tests/mocks/electron';
import { resetFakeElectron, serve, startTestShell, stopShell, type ShellHandle } from '../../tests/support/shellHarness';
import { createTestCa, type IssuedCertificate, type TestCa } from '../../tests/support/testCertificates';

/** Every kind of answer a PAC script or WPAD can give Chromium, and how About names it. */
const pacAnswers: [string, string][] = [
  ['DIRECT', 'Direct connection (no proxy)'],
  ['PROXY proxy.corp:3128', 'Proxy proxy.corp:3128'],
  ['HTTPS proxy.corp:443', 'Proxy proxy.corp:443 (over https)'],
  ['SOCKS5 socks.corp:1080', 'SOCKS 5 proxy socks.corp:1080'],
  ['SOCKS socks.corp:1080', 'SOCKS 4 proxy socks.corp:1080'],
  [
    'PROXY down.corp:3128; SOCKS5 socks.corp:1080; DIRECT',
    'Proxy down.corp:3128; if it fails: SOCKS 5 proxy socks.corp:1080; Direct connection (no proxy)',
  ],
];

/**
 * Issue 23 (T1): whatever route the system's proxy settings give a request, certificate
 * checking stays Chromium's and the core's. The proxy kinds only carry the connection; a
 * self-signed certificate nobody trusted is refused at the verify proc, and nothing reaches
 * the server.
 */
describe('every PAC answer keeps certificate checking on', () => {
  let ca: TestCa;
  let selfSigned: IssuedCertificate;
  let shell: ShellHandle;

  beforeAll(() => {
    ca = createTestCa();
    selfSigned = ca.server(['chat.corp.example']);
  });
  afterAll(() => ca.remove());
  beforeEach(async () => {
    resetFakeElectron();
    // A managed install lists the server, so About shows its route before anyone could add it.
    fs.writeFileSync(path.join(app.userData, 'servers.json'), JSON.stringify({ 'Corp chat': 'https://chat.corp.example' }));
    shell = await startTestShell();
  });
  afterEach(() => stopShell());

  it.each(pacAnswers)('%s: an unpinned self-signed certificate is refused, and About says %s', async (pac, words) => {
    internet.pac = (url) => (url.startsWith('https://chat.corp.example') ? pac : 'DIRECT');
    for (const address of ['proxy.corp:3128', 'proxy.corp:443', 'socks.corp:1080']) internet.proxies.set(address, {});
    internet.proxies.set('down.corp:3128', { down: true });
    serve('https://chat.corp.example', { certificate: selfSigned.cert, verdict: 'net::ERR_CERT_AUTHORITY_INVALID' });

    const added = await shell.call('servers.add', { url: 'chat.corp.example' });
    expect(added).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
    // The verify proc asked the core, which left Chromium's refusal standing.
    expect(shell.coreSession().verifyCalls).toEqual([
      { hostname: 'chat.corp.example', verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID', answer: -3 },
    ]);
    expect(await shell.call('certificates.review', { url: 'chat.corp.example' })).toMatchObject({
      ok: true,
      value: { problem: 'untrusted', certificate: { fingerprint: selfSigned.fingerprint } },
    });
    expect(internet.arrivals).toEqual([]);

    expect(await shell.call('network.info', {})).toMatchObject({
      ok: true,
      value: { proxySource: 'system', servers: [{ url: 'https://chat.corp.example', proxy: words, pinned: null }] },
    });
  });
});
