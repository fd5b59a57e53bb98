import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startConnectProxy } from '../../../../tests/support/connectProxy';
import { startSocksProxy } from '../../../../tests/support/socksProxy';
import { createTestCa, type IssuedCertificate, type TestCa } from '../../../../tests/support/testCertificates';
import { startTestServer, type TestServer } from '../../../../tests/support/usersApiServer';
import { systemClock } from '../../clock';
import { ApiFailure } from '../apiFailure';
import { fetchServerInfo } from '../authApi';
import { UsersApiClient } from '../usersApiClient';
import { createNodeFetch } from './nodeFetch';

/**
 * A proxy's own failures are told as the proxy's, in the same words for every kind: down,
 * refusing the server, asking a sign-in the app could not give, or (https) showing a
 * certificate nobody here trusts. Never the server's certificate decision, never a code.
 */
describe('proxy failures, in words', () => {
  let ca: TestCa;
  let certificate: IssuedCertificate;
  let server: TestServer;

  beforeAll(async () => {
    ca = createTestCa();
    certificate = ca.server();
    server = await startTestServer({ tls: { cert: certificate.cert, key: certificate.key, ca: ca.ca } });
  });
  afterAll(async () => {
    await server.close();
    ca.remove();
  });

  /** /api/info through a proxy, the server's certificate pinned: what failed, or the version. */
  async function infoThrough(proxy: string, url = server.url): Promise<ApiFailure | { version: string | null }> {
    const nodeFetch = createNodeFetch({
      env: { HTTPS_PROXY: proxy, HTTP_PROXY: proxy },
      judge: {
        judge: (connection) => (connection.certificate.fingerprint256 === certificate.fingerprint ? true : { code: connection.reason }),
      },
    });
    const client = new UsersApiClient({
      baseUrl: url,
      fetch: nodeFetch.fetch,
      clock: systemClock,
      timeoutMs: 10_000,
      retryPolicy: { attempts: 1 },
    });
    try {
      return await fetchServerInfo(client).catch((error: ApiFailure) => error);
    } finally {
      await nodeFetch.close();
    }
  }
  const sentence = (outcome: unknown) => {
    expect(outcome).toBeInstanceOf(ApiFailure);
    const failure = outcome as ApiFailure;
    expect(failure.code).toBe('network-unreachable');
    expect(failure.message).not.toMatch(/ECONNREFUSED|AM_PROXY|ERR_|socks5?:\/\/[^)]*@/);
    return failure.message;
  };
  const host = () => new URL(server.url).host;

  it.each(['socks5', 'socks'])('a %s:// proxy that is down: the proxy cannot be reached', async (scheme) => {
    const port = await closedPort();
    expect(sentence(await infoThrough(`${scheme}://127.0.0.1:${port}`))).toBe(
      `The proxy server (${scheme}://127.0.0.1:${port}) cannot be reached, so the app cannot reach ${host()} through it. Check your connection and the proxy settings, or ask your IT department.`,
    );
  });

  it('a SOCKS proxy that refuses the server: the proxy refused', async () => {
    const proxy = await startSocksProxy({ refuse: true });
    try {
      expect(sentence(await infoThrough(proxy.url))).toBe(
        `The proxy server (${proxy.url}) refused to connect the app to ${host()}. Your organisation may block this server; ask your IT department.`,
      );
    } finally {
      await proxy.close();
    }
  });

  it('an HTTP proxy that cannot reach the server: the proxy refused, as for SOCKS', async () => {
    const proxy = await startConnectProxy();
    try {
      const unreachable = `https://localhost:${await closedPort()}`;
      expect(sentence(await infoThrough(proxy.url, unreachable))).toBe(
        `The proxy server (${proxy.url}) refused to connect the app to ${new URL(unreachable).host}. Your organisation may block this server; ask your IT department.`,
      );
    } finally {
      await proxy.close();
    }
  });

  it('a SOCKS proxy that wants a sign-in: none or a wrong one asks for it; the right one (from the address) goes through', async () => {
    const proxy = await startSocksProxy({ credentials: { username: 'ann', password: 'p@ss word' } });
    const address = (signIn: string) => proxy.url.replace('socks5://', `socks5://${signIn}@`);
    try {
      const asks = `The proxy server (${proxy.url}) asks for a sign-in the app could not give, so it cannot reach ${host()}. Check the proxy user name and password.`;
      expect(sentence(await infoThrough(proxy.url))).toBe(asks);
      expect(sentence(await infoThrough(address('ann:wrong')))).toBe(asks);
      expect(proxy.refusedSignIns).toBe(2);
      expect(proxy.connects).toEqual([]);
      expect(await infoThrough(address(`ann:${encodeURIComponent('p@ss word')}`))).toEqual({ version: expect.any(String) });
      expect(proxy.connects).toEqual([host()]);
    } finally {
      await proxy.close();
    }
  });

  it('an https proxy whose certificate this computer does not trust: refused before anything is asked of it', async () => {
    const proxyCertificate = ca.server(); // the test CA is not trusted in this process
    const proxy = await startConnectProxy({ tls: { cert: proxyCertificate.cert, key: proxyCertificate.key } });
    try {
      expect(sentence(await infoThrough(proxy.url))).toBe(
        `The proxy server (${proxy.url}) shows a security certificate this computer does not trust, so the app will not reach ${host()} through it. Ask your IT department.`,
      );
      expect(proxy.connects).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it.each([
    ['ftp://proxy.corp:21', 'HTTPS_PROXY does not start with a kind of proxy the app can use ("ftp:")'],
    ['proxy.corp:3128', 'HTTPS_PROXY does not start with a kind of proxy the app can use ("proxy.corp:")'],
    ['http://', 'HTTPS_PROXY is not an address'],
  ])('HTTPS_PROXY=%s stops the start with a sentence, never going direct instead', (value, start) => {
    expect(() => createNodeFetch({ env: { HTTPS_PROXY: value }, judge: { judge: () => ({ code: 'x' }) } })).toThrow(start);
  });
});
