import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NetworkPrompt } from '../../shared/networkSchemas';
import { call, callResult } from '../../tests/support/coreCall';
import { makeTempDir } from '../../tests/support/tempDir';
import { createTestCa, type IssuedCertificate, type TestCa } from '../../tests/support/testCertificates';
import { createCore, type Core } from './createCore';
import type { NetworkQuestions } from './network/transport';
import { MemoryVault } from './vault/memoryVault';

const serverUrl = 'https://chat.corp.example';

/**
 * What the Electron shell asks the core, with a stand-in for Chromium: its "fetch" calls the
 * verify proc the way Chromium does (the certificate and Chromium's own verdict) and fails
 * with Chromium's error name when the proc does not accept.
 */
describe('the core answering Chromium (Electron shell)', () => {
  let ca: TestCa;
  let certificate: IssuedCertificate;
  let temp: ReturnType<typeof makeTempDir>;
  let vault: MemoryVault;
  let core: Core;
  /** What the shell asks the core: handed over when the core builds the shell's network. */
  let questions: NetworkQuestions;
  let verdict: string;
  const prompts: NetworkPrompt[] = [];

  const chromiumFetch = (async (input: string | URL) => {
    const { hostname } = new URL(String(input));
    // Chromium's verdict for another host name is that the certificate does not name it.
    const result = hostname === 'chat.corp.example' ? verdict : 'net::ERR_CERT_COMMON_NAME_INVALID';
    const accepted = questions.judgeChromiumCertificate({ hostname, pem: certificate.cert, verificationResult: result });
    if (!accepted && result !== 'net::OK') throw new Error(result);
    return new Response(JSON.stringify({ version: '8.0.0', success: true }), { headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;

  beforeAll(() => {
    ca = createTestCa();
    certificate = ca.server(['chat.corp.example']);
  });
  afterAll(() => ca.remove());
  beforeEach(() => {
    temp = makeTempDir();
    vault = new MemoryVault();
    verdict = 'net::ERR_CERT_AUTHORITY_INVALID';
    prompts.length = 0;
    core = createCore({
      dataDir: temp.dir,
      vault,
      version: '1.0.0',
      shell: 'electron',
      network: (asked) => {
        questions = asked;
        return {
          fetch: chromiumFetch,
          resolveProxy: async (url) => (url.startsWith('https://chat.corp.example') ? 'PROXY proxy.corp:3128; DIRECT' : 'DIRECT'),
        };
      },
    });
    core.events.on('network.prompt', (prompt) => prompts.push(prompt));
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('maps Chromium failures to the same words as Node failures, codes left out', async () => {
    verdict = 'net::ERR_CERT_AUTHORITY_INVALID';
    const untrusted = await callResult(core, 'servers.add', { url: serverUrl });
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });

    const folders: ReturnType<typeof makeTempDir>[] = [];
    const failWith = (name: string) =>
      createCore({
        dataDir: (folders[folders.push(makeTempDir()) - 1] as ReturnType<typeof makeTempDir>).dir,
        vault,
        version: '1',
        shell: 'electron',
        fetch: (() => Promise.reject(new Error(name))) as typeof fetch,
      });
    const cases: [string, string, RegExp][] = [
      ['net::ERR_PROXY_CONNECTION_FAILED', 'network-unreachable', /^The proxy server cannot be reached/],
      ['net::ERR_TUNNEL_CONNECTION_FAILED', 'network-unreachable', /^The proxy server refused to connect the app/],
      ['net::ERR_PROXY_AUTH_REQUESTED', 'network-unreachable', /^The proxy server asks for a sign-in/],
      ['net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED', 'network-unreachable', /asks for a client certificate/],
      ['net::ERR_NAME_NOT_RESOLVED', 'network-unreachable', /could not be found/],
    ];
    for (const [name, code, words] of cases) {
      const other = failWith(name);
      const result = await callResult(other, 'servers.add', { url: serverUrl });
      other.close();
      expect(result).toMatchObject({ ok: false, error: { code } });
      expect(!result.ok && result.error.message).toMatch(words);
      expect(!result.ok && result.error.message).not.toContain('ERR_');
    }
    folders.forEach((folder) => folder.cleanup());
  });

  it('accepts a certificate Chromium refused only once the person trusted it, and never an expired or wrong-name one', async () => {
    expect(await callResult(core, 'servers.add', { url: serverUrl })).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
    const review = await call(core, 'certificates.review', { url: serverUrl });
    expect(review).toMatchObject({ problem: 'untrusted', trustable: true, certificate: { fingerprint: certificate.fingerprint } });
    await call(core, 'certificates.trust', { url: serverUrl, fingerprint: certificate.fingerprint });
    expect(await callResult(core, 'servers.add', { url: serverUrl })).toMatchObject({ ok: true });

    // The pin covers "unknown authority" only.
    const judge = (hostname: string, verificationResult: string) =>
      questions.judgeChromiumCertificate({ hostname, pem: certificate.cert, verificationResult });
    expect(judge('chat.corp.example', 'net::ERR_CERT_AUTHORITY_INVALID')).toBe(true);
    expect(judge('chat.corp.example', 'net::ERR_CERT_DATE_INVALID')).toBe(false);
    expect(judge('chat.corp.example', 'net::ERR_CERT_REVOKED')).toBe(false);
    expect(judge('other.corp.example', 'net::ERR_CERT_AUTHORITY_INVALID')).toBe(false);
    expect(judge('chat.corp.example', 'net::OK')).toBe(false); // Chromium's own "yes" stands as it is
    const review2 = await call(core, 'certificates.review', { url: 'https://other.corp.example' });
    expect(review2).toMatchObject({ problem: 'name-mismatch', trustable: false });
  });

  it('names the system proxy per server, from session.resolveProxy', async () => {
    verdict = 'net::OK';
    await call(core, 'servers.add', { url: serverUrl });
    const info = await call(core, 'network.info', {});
    expect(info.proxySource).toBe('system');
    expect(info.servers[0]?.proxy).toBe('Proxy proxy.corp:3128; if it fails: Direct connection (no proxy)');
  });

  it('asks for a proxy sign-in once, keeps it in the keychain, and asks again when the proxy refuses it', async () => {
    const challenge = { host: 'proxy.corp', port: 3128, realm: 'Corp', scheme: 'basic' };
    const first = questions.proxyCredentials({ ...challenge, again: false });
    await expect.poll(() => prompts.length).toBe(1);
    expect(prompts[0]).toMatchObject({ kind: 'proxy-sign-in', proxy: 'proxy.corp:3128', realm: 'Corp', again: false });
    expect(await call(core, 'network.prompts', {})).toEqual(prompts);
    await call(core, 'network.answerPrompt', { promptId: prompts[0]!.promptId, answer: { username: 'ann', password: 's3cret' } });
    expect(await first).toEqual({ username: 'ann', password: 's3cret' });
    expect(await vault.get('proxy:proxy.corp:3128')).toBe(JSON.stringify({ username: 'ann', password: 's3cret' }));

    // Known now: no question.
    expect(await questions.proxyCredentials({ ...challenge, again: false })).toEqual({ username: 'ann', password: 's3cret' });
    expect(prompts).toHaveLength(1);

    // Refused: forgotten, asked again; cancelling gives no sign-in.
    const retry = questions.proxyCredentials({ ...challenge, again: true });
    await expect.poll(() => prompts.length).toBe(2);
    expect(await vault.get('proxy:proxy.corp:3128')).toBeNull();
    expect(prompts[1]).toMatchObject({ again: true });
    await call(core, 'network.answerPrompt', { promptId: prompts[1]!.promptId, answer: null });
    expect(await retry).toBeNull();
    expect(await callResult(core, 'network.answerPrompt', { promptId: prompts[1]!.promptId, answer: null })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('asks which client certificate to present for a server once, and remembers the choice', async () => {
    const mine = ca.client('Ann Example');
    const other = ca.client('Shared Kiosk');
    const offered = [other.cert, mine.cert];
    const choosing = questions.chooseClientCertificate(`${serverUrl}/api/info`, offered);
    await expect.poll(() => prompts.length).toBe(1);
    const prompt = prompts[0]!;
    expect(prompt).toMatchObject({ kind: 'client-certificate', server: 'chat.corp.example' });
    expect(prompt.kind === 'client-certificate' && prompt.certificates.map((entry) => entry.subject)).toEqual([
      'CN=Shared Kiosk, O=Account Manager Tests',
      'CN=Ann Example, O=Account Manager Tests',
    ]);
    await call(core, 'network.answerPrompt', { promptId: prompt.promptId, answer: { fingerprint: mine.fingerprint } });
    expect(await choosing).toBe(1);

    // Remembered, whatever the order the system lists them in next time.
    expect(await questions.chooseClientCertificate(serverUrl, [mine.cert, other.cert])).toBe(0);
    expect(prompts).toHaveLength(1);
    verdict = 'net::OK';
    await call(core, 'servers.add', { url: serverUrl });
    const info = await call(core, 'network.info', {});
    expect(info.servers[0]?.clientCertificate).toBe('CN=Ann Example, O=Account Manager Tests');
  });
});
