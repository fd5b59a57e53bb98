import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../../tests/support/connectProxy';
import { signedIn } from '../../tests/support/coreSignIn';
import { call, callResult } from '../../tests/support/coreCall';
import { makeTempDir } from '../../tests/support/tempDir';
import { createTestCa, type IssuedCertificate, type TestCa } from '../../tests/support/testCertificates';
import { startTestServer, type TestServer } from '../../tests/support/usersApiServer';
import { createCore, type Core, type CoreOptions } from './createCore';
import { MemoryVault } from './vault/memoryVault';
import { TestClock } from '../../tests/support/testClock';

/**
 * The certificate decision through the contract, with the core's own nodeFetch against the
 * reference server over TLS (a CA made for this run, never trusted by this process).
 */
describe('certificate decision (Node)', () => {
  let ca: TestCa;
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  const open = (options: Partial<CoreOptions> = {}) =>
    (core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1.0.0', shell: 'test', env: {}, ...options }));
  const serve = (certificate: IssuedCertificate, port = 0) =>
    startTestServer({ port, tls: { cert: certificate.cert, key: certificate.key, ca: ca.ca } });

  beforeAll(() => (ca = createTestCa()));
  afterAll(() => ca.remove());
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('shows who the certificate claims to be, trusts it for that server on request, asks again for a new one, and revokes', async () => {
    const first = ca.server();
    let server: TestServer = await serve(first);
    const port = Number(new URL(server.url).port);
    try {
      open();
      const refused = await callResult(core, 'servers.add', { url: server.url });
      expect(refused).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });

      const review = await call(core, 'certificates.review', { url: server.url });
      expect(review).toMatchObject({
        origin: server.url,
        server: `localhost:${port}`,
        problem: 'untrusted',
        trustable: true,
        pinned: null,
        certificate: {
          subject: 'CN=localhost, O=Account Manager Tests',
          issuer: 'CN=Account Manager Test CA, O=Account Manager Tests',
          fingerprint: first.fingerprint,
          names: ['localhost', '127.0.0.1'],
        },
      });
      expect(review.explanation).toContain(`The decision applies to localhost:${port} only.`);

      const otherFingerprint = ca.server().fingerprint;
      expect(await callResult(core, 'certificates.trust', { url: server.url, fingerprint: otherFingerprint })).toMatchObject({
        ok: false,
        error: {
          code: 'validation',
          message: `localhost:${port} now shows a different certificate from the one you reviewed. Review it again.`,
        },
      });
      const pinned = await call(core, 'certificates.trust', { url: server.url, fingerprint: first.fingerprint });
      expect(pinned).toMatchObject({ origin: server.url, fingerprint: first.fingerprint });
      await signedIn(core, server, 'plain');
      core.close();

      // A new certificate on restart: the pin holds the old one, so the decision is asked again.
      await server.close();
      const second = ca.server();
      server = await serve(second, port);
      open();
      expect(await callResult(core, 'servers.add', { url: server.url })).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
      const again = await call(core, 'certificates.review', { url: server.url });
      expect(again).toMatchObject({ problem: 'changed', trustable: true, certificate: { fingerprint: second.fingerprint } });
      expect(again.pinned?.fingerprint).toBe(first.fingerprint);
      await call(core, 'certificates.trust', { url: server.url, fingerprint: second.fingerprint });
      await call(core, 'servers.add', { url: server.url });

      // Revoked: the kept-alive connection is dropped and the next request is refused again.
      await call(core, 'certificates.revoke', { url: server.url });
      expect(await callResult(core, 'servers.add', { url: server.url })).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
      const info = await call(core, 'network.info', {});
      expect(info.servers.find((entry) => entry.url === server.url)?.pinned).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('never offers to trust a certificate for another name, and refuses to pin one', async () => {
    const wrongName = ca.server(['intranet.example']);
    const server = await serve(wrongName);
    try {
      open();
      const review = await call(core, 'certificates.review', { url: server.url });
      expect(review).toMatchObject({ problem: 'name-mismatch', trustable: false });
      expect(review.explanation).toContain('is for intranet.example, not localhost:');
      const trust = await callResult(core, 'certificates.trust', { url: server.url, fingerprint: wrongName.fingerprint });
      expect(trust).toMatchObject({ ok: false, error: { code: 'validation', message: review.explanation } });
    } finally {
      await server.close();
    }
  });

  it('says an expired certificate cannot be trusted, even one pinned before it expired', async () => {
    const certificate = ca.server();
    const server = await serve(certificate);
    let now = Date.now();
    try {
      open({ clock: new TestClock(now) });
      await call(core, 'certificates.review', { url: server.url });
      await call(core, 'certificates.trust', { url: server.url, fingerprint: certificate.fingerprint });
      await call(core, 'servers.add', { url: server.url });
      core.close();

      now += 3 * 24 * 3600_000; // the test certificates are valid for two days
      open({ clock: new TestClock(now) });
      expect(await callResult(core, 'servers.add', { url: server.url })).toMatchObject({ ok: false, error: { code: 'tls-untrusted' } });
      const review = await call(core, 'certificates.review', { url: server.url });
      expect(review).toMatchObject({ problem: 'expired', trustable: false });
      expect(review.explanation).toMatch(/^The certificate of localhost:\d+ expired on \d{4}-\d\d-\d\d\. It cannot be trusted here/);
    } finally {
      await server.close();
    }
  });

  it('names the proxy each server is reached through (HTTPS_PROXY, NO_PROXY), and the certificates trusted', async () => {
    const proxy: ConnectProxy = await startConnectProxy();
    const certificate = ca.server();
    const server = await serve(certificate);
    const local = await startTestServer();
    try {
      open({ env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
      await call(core, 'certificates.review', { url: server.url });
      await call(core, 'certificates.trust', { url: server.url, fingerprint: certificate.fingerprint });
      await signedIn(core, server, 'plain');
      await call(core, 'servers.add', { url: local.url });
      expect(proxy.connects).toContain(new URL(server.url).host);

      const info = await call(core, 'network.info', {});
      expect(info.proxySource).toBe('environment');
      expect(info.servers.map(({ url, proxy: used, pinned }) => ({ url, used, pinned: pinned?.fingerprint ?? null }))).toEqual(
        expect.arrayContaining([
          { url: server.url, used: `Proxy 127.0.0.1:${proxy.port}`, pinned: certificate.fingerprint },
          { url: local.url, used: 'Direct connection (no proxy)', pinned: null },
        ]),
      );
    } finally {
      await server.close();
      await local.close();
      await proxy.close();
    }
  });
});
