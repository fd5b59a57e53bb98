import keytar from '@github/keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { internet, net, type FakeClientRequest } from '../../tests/mocks/electron';
import { requireKeychain, secretServiceAvailable } from '../../tests/support/secretService';
import type { ShellHandle } from '../../tests/support/shellHarness';
import { resetFakeElectron, serve, startTestShell, stopShell } from '../../tests/support/shellHarness';
import { appId } from '../core/appIdentity';

const keychain = await secretServiceAvailable();
if (!keychain && requireKeychain) throw new Error('No Secret Service answers: run the tests through tools/with-keyring.sh.');

const account = 'proxy:proxy.corp:3128';
const authInfo = { isProxy: true, host: 'proxy.corp', port: 3128, realm: 'Corp', scheme: 'basic' };
const signIn = { username: 'ann', password: 'proxy-pass' };

/**
 * A proxy that wants a sign-in, as Chromium shows it to net.fetch: no `login` (a tunnel
 * fails, a plain-http request gets the 407), so the shell signs in through net.request on
 * the core's session and tries the request once more (D45, D72).
 */
describe('signing in to a proxy', () => {
  let shell: ShellHandle;
  const probe = async (): Promise<FakeClientRequest> => {
    await expect.poll(() => net.requests.length).toBeGreaterThan(0);
    return net.requests.at(-1)!;
  };
  const answerPrompt = async (count: number) => {
    await expect.poll(() => shell.prompts().length).toBe(count);
    await shell.call('network.answerPrompt', { promptId: shell.prompts()[count - 1]!.promptId, answer: signIn });
  };

  beforeEach(async () => {
    resetFakeElectron();
    shell = await startTestShell();
    internet.proxies.set('proxy.corp:3128', { credentials: signIn });
    internet.pac = () => 'PROXY proxy.corp:3128';
  });
  afterEach(async () => {
    stopShell();
    await keytar.deletePassword(appId, account).catch(() => false);
  });

  it('signs in when the tunnel fails for want of a sign-in, on the core’s own session, then tries the request once more', async () => {
    serve('https://chat.corp.example');
    const adding = shell.call('servers.add', { url: 'chat.corp.example' });
    const request = await probe();
    expect(request.options).toMatchObject({ url: 'https://chat.corp.example/api/info', method: 'HEAD', redirect: 'manual' });
    expect(request.options.session).toBe(shell.coreSession());
    expect(request.ended).toBe(true);
    const answered = request.challenge(authInfo);
    await answerPrompt(1);
    expect(await answered).toEqual(['ann', 'proxy-pass']);
    request.emit('response', { statusCode: 200 });
    expect(await adding).toMatchObject({ ok: true });
    expect(internet.arrivals).toHaveLength(1);
  });

  it('handles the 407 a plain-http server’s proxy answers with: a reply, not an error', async () => {
    serve('http://127.0.0.1:3000');
    const adding = shell.call('servers.add', { url: 'http://127.0.0.1:3000' });
    const request = await probe();
    const answered = request.challenge(authInfo);
    await answerPrompt(1);
    await answered;
    request.emit('response', { statusCode: 200 });
    expect(await adding).toMatchObject({ ok: true });
    expect(internet.arrivals.map((arrival) => arrival.url)).toEqual(['http://127.0.0.1:3000/api/info']);
  });

  it('tries again when the sign-in passes without a question (Chromium already holds one), or ends in a redirect', async () => {
    serve('https://chat.corp.example');
    const first = shell.call('servers.add', { url: 'chat.corp.example' });
    const quiet = await probe();
    shell.coreSession().authCache.set('proxy.corp:3128', signIn); // another request's sign-in landed meanwhile
    quiet.emit('response', { statusCode: 204 });
    expect(await first).toMatchObject({ ok: true });

    shell.coreSession().authCache.clear();
    const second = shell.call('servers.add', { url: 'chat.corp.example' });
    await expect.poll(() => net.requests.length).toBe(2);
    const redirected = net.requests[1]!;
    const answered = redirected.challenge(authInfo);
    await answerPrompt(1);
    await answered;
    redirected.redirect(302, 'https://chat.corp.example/home'); // no `response` with redirect: 'manual'
    expect(await second).toMatchObject({ ok: true });
  });

  it('does not try again when the proxy refuses the tunnel outright', async () => {
    internet.proxies.set('proxy.corp:3128', { refuses: true });
    serve('https://chat.corp.example');
    const adding = shell.call('servers.add', { url: 'chat.corp.example' });
    (await probe()).emit('error', new Error('net::ERR_TUNNEL_CONNECTION_FAILED'));
    const result = await adding;
    expect(result.error?.message).toMatch(/^The proxy server refused to connect the app to chat\.corp\.example/);
    expect(net.requests).toHaveLength(1);
    expect(internet.arrivals).toEqual([]);
  });

  it.runIf(keychain)('answers from the keychain, asks again when the proxy refused the sign-in, and never answers a server', async () => {
    serve('https://chat.corp.example');
    const first = shell.call('servers.add', { url: 'chat.corp.example' });
    const one = await probe();
    const given = one.challenge(authInfo);
    await answerPrompt(1);
    await given;
    one.emit('response', { statusCode: 200 });
    await first;
    expect(await keytar.getPassword(appId, account)).toBe(JSON.stringify(signIn));

    // A new session after a certificate decision holds no sign-in: the keychain answers, nobody is asked.
    shell.coreSession().authCache.clear();
    const second = shell.call('servers.add', { url: 'chat.corp.example' });
    await expect.poll(() => net.requests.length).toBe(2);
    const two = net.requests[1]!;
    expect(await two.challenge(authInfo)).toEqual(['ann', 'proxy-pass']);
    expect(shell.prompts()).toHaveLength(1);
    // The proxy refused it (the password changed): the person is asked again, and the old entry goes.
    const again = two.challenge(authInfo);
    await expect.poll(() => shell.prompts().length).toBe(2);
    expect(shell.prompts()[1]).toMatchObject({ kind: 'proxy-sign-in', proxy: 'proxy.corp:3128', again: true });
    expect(await keytar.getPassword(appId, account)).toBeNull();
    await shell.call('network.answerPrompt', { promptId: shell.prompts()[1]!.promptId, answer: null });
    expect(await again).toEqual([]);
    expect(await two.challenge({ ...authInfo, isProxy: false })).toEqual([]); // a server's own sign-in
    two.emit('response', { statusCode: 407 });
    expect(await second).toMatchObject({ ok: false });
  });
});
