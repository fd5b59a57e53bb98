import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../../../../tests/support/connectProxy';
import { startNodeFetchProcess, type NodeFetchProcess } from '../../../../tests/support/nodeFetchProcess';
import { startSocksProxy, type SocksProxy } from '../../../../tests/support/socksProxy';
import { makeTempDir } from '../../../../tests/support/tempDir';
import { createTestCa, type IssuedCertificate, type TestCa } from '../../../../tests/support/testCertificates';
import { startTestServer, type TestServer } from '../../../../tests/support/usersApiServer';

type Kind = 'none' | 'http' | 'https' | 'socks5' | 'socks';
const kinds: Kind[] = ['none', 'http', 'https', 'socks5', 'socks'];

/**
 * Every kind of proxy nodeFetch accepts, and none, against servers over TLS: the server's
 * certificate is decided in one place whatever the route, before a byte of a request leaves.
 * nodeFetch runs in a child process that trusts a CA made for this run (NODE_EXTRA_CA_CERTS is
 * read at process start only): it issued the https proxy's certificate and the "trusted" server's.
 */
describe('nodeFetch through every kind of proxy', () => {
  const temp = makeTempDir('am-proxy-kinds-');
  let trustedCa: TestCa;
  let selfSigned: IssuedCertificate;
  let unpinned: TestServer;
  let trusted: TestServer;
  let proxies: Record<Exclude<Kind, 'none'>, ConnectProxy | SocksProxy>;
  let child: NodeFetchProcess;

  beforeAll(async () => {
    trustedCa = createTestCa('Trusted Test CA');
    selfSigned = trustedCa.selfSigned();
    const trustedCertificate = trustedCa.server();
    unpinned = await startTestServer({ tls: { cert: selfSigned.cert, key: selfSigned.key, ca: selfSigned.cert } });
    trusted = await startTestServer({ tls: { cert: trustedCertificate.cert, key: trustedCertificate.key, ca: trustedCa.ca } });
    const proxyCertificate = trustedCa.server();
    proxies = {
      http: await startConnectProxy(),
      https: await startConnectProxy({ tls: { cert: proxyCertificate.cert, key: proxyCertificate.key } }),
      socks5: await startSocksProxy(),
      socks: await startSocksProxy({ scheme: 'socks' }),
    };
    child = await startNodeFetchProcess({ extraCaFile: trustedCa.caFile, workDir: temp.dir });
  });
  afterAll(async () => {
    await child.close();
    await Promise.all([unpinned.close(), trusted.close(), ...Object.values(proxies).map((proxy) => proxy.close())]);
    trustedCa.remove();
    temp.cleanup();
  });

  const envFor = (kind: Kind): Record<string, string> => (kind === 'none' ? {} : { HTTPS_PROXY: proxies[kind].url });
  /** What each proxy relays from now on: the caller's own proxy must carry exactly the expected tunnels, the others none. */
  const relayLog = () => {
    const before = Object.fromEntries(Object.entries(proxies).map(([kind, proxy]) => [kind, proxy.connects.length]));
    return () => Object.fromEntries(Object.entries(proxies).map(([kind, proxy]) => [kind, proxy.connects.slice(before[kind])]));
  };
  const relayedOnly = (kind: Kind, hosts: string[]) =>
    Object.fromEntries(Object.keys(proxies).map((other) => [other, other === kind ? hosts : []]));
  const requestsAt = async (server: TestServer) => ((await server.dev('/_dev/requests')) as { requests: unknown[] }).requests;

  it.each(kinds)(
    '%s: an unpinned self-signed server is refused as untrusted, the judge is asked, and the server receives no request',
    async (kind) => {
      await unpinned.dev('/_dev/requests', { method: 'DELETE' });
      const relayed = relayLog();
      const outcome = await child.fetchInfo(unpinned.url, { env: envFor(kind) });
      expect(outcome).toMatchObject({ ok: false, code: 'tls-untrusted' });
      expect(outcome.asked).toEqual([{ origin: unpinned.url, reason: 'DEPTH_ZERO_SELF_SIGNED_CERT', fingerprint: selfSigned.fingerprint }]);
      expect(await requestsAt(unpinned)).toEqual([]);
      expect(relayed()).toEqual(relayedOnly(kind, [new URL(unpinned.url).host]));
    },
  );

  it.each(kinds)('%s: the certificate the person trusted for that server (pinned) is let through', async (kind) => {
    await unpinned.dev('/_dev/requests', { method: 'DELETE' });
    const relayed = relayLog();
    const outcome = await child.fetchInfo(unpinned.url, { env: envFor(kind), pins: { [unpinned.url]: selfSigned.fingerprint } });
    expect(outcome).toMatchObject({ ok: true, version: expect.any(String) });
    expect(outcome.asked).toHaveLength(1);
    expect(await requestsAt(unpinned)).toEqual([expect.objectContaining({ method: 'GET', path: '/api/info' })]);
    expect(relayed()).toEqual(relayedOnly(kind, [new URL(unpinned.url).host]));
  });

  it.each(kinds)('%s: a certificate from a CA this process trusts is let through without asking the judge', async (kind) => {
    const relayed = relayLog();
    const outcome = await child.fetchInfo(trusted.url, { env: envFor(kind) });
    expect(outcome).toMatchObject({ ok: true, version: expect.any(String), asked: [] });
    expect(relayed()).toEqual(relayedOnly(kind, [new URL(trusted.url).host]));
  });
});
