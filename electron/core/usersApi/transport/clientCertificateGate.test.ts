import { X509Certificate } from 'node:crypto';
import type { SecureVersion } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeFetchProcess, type NodeFetchProcess } from '../../../../tests/support/nodeFetchProcess';
import { startSocksProxy } from '../../../../tests/support/socksProxy';
import { clientHellos, startRecordingTlsServer, type RecordingTlsServer } from '../../../../tests/support/recordingTlsServer';
import { makeTempDir } from '../../../../tests/support/tempDir';
import { createTestCa, type IssuedCertificate, type TestCa } from '../../../../tests/support/testCertificates';
import { systemClock } from '../../clock';
import { ApiFailure } from '../apiFailure';
import { fetchServerInfo } from '../authApi';
import { UsersApiClient } from '../usersApiClient';
import { createNodeFetch } from './nodeFetch';
import type { UnverifiedConnection } from './tlsJudge';

const versions: SecureVersion[] = ['TLSv1.2', 'TLSv1.3'];

/**
 * AM_CLIENT_CERT is shown only to a server whose certificate is trusted (Node's store and the
 * name) or pinned — decided in the middle of the handshake, before the client's Certificate
 * message leaves (in the clear in TLS 1.2, readable by the server in TLS 1.3). The servers here
 * ask every client for a certificate and take whatever comes; a relay in front records the bytes.
 */
describe('the client certificate waits for the server’s certificate to be decided', () => {
  const temp = makeTempDir('am-client-gate-');
  let ca: TestCa;
  let selfSigned: IssuedCertificate;
  let client: IssuedCertificate;
  let clientDer: Buffer;
  const servers: RecordingTlsServer[] = [];
  const serve = async (
    certificate: IssuedCertificate,
    options: { maxVersion?: SecureVersion; ecdhCurve?: string; requestCert?: boolean } = {},
  ) => {
    const server = await startRecordingTlsServer({ cert: certificate.cert, key: certificate.key, ...options });
    servers.push(server);
    return server;
  };

  beforeAll(() => {
    ca = createTestCa();
    selfSigned = ca.selfSigned();
    client = ca.client();
    clientDer = new X509Certificate(client.cert).raw;
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    ca.remove();
    temp.cleanup();
  });

  /** /api/info through a nodeFetch with the client certificate, in this process; what the judge was asked. */
  async function fetchWithClientCertificate(url: string, pins: Record<string, string> = {}, proxy?: string) {
    const asked: UnverifiedConnection[] = [];
    const nodeFetch = createNodeFetch({
      env: { AM_CLIENT_CERT: client.certFile, AM_CLIENT_KEY: client.keyFile, ...(proxy ? { HTTPS_PROXY: proxy } : {}) },
      judge: {
        judge(connection) {
          asked.push(connection);
          return pins[connection.origin] === connection.certificate.fingerprint256 ? true : { code: connection.reason };
        },
      },
    });
    const api = new UsersApiClient({
      baseUrl: url,
      fetch: nodeFetch.fetch,
      clock: systemClock,
      timeoutMs: 10_000,
      retryPolicy: { attempts: 1 },
    });
    try {
      return { outcome: await fetchServerInfo(api).catch((error: unknown) => error), asked };
    } finally {
      await nodeFetch.close();
    }
  }

  it.each(versions)('%s: a self-signed, unpinned server never receives the certificate, nor a finished handshake', async (maxVersion) => {
    const server = await serve(selfSigned, { maxVersion });
    const { outcome, asked } = await fetchWithClientCertificate(server.url);
    expect(outcome).toBeInstanceOf(ApiFailure);
    expect((outcome as ApiFailure).code).toBe('tls-untrusted');
    expect(asked.map(({ reason, certificate }) => [reason, certificate.fingerprint256])).toEqual([
      ['DEPTH_ZERO_SELF_SIGNED_CERT', selfSigned.fingerprint],
    ]);
    await server.connectionsEnded(1);
    expect(server.handshakes).toEqual([]);
    expect(server.requests).toEqual([]);
    expect(server.received().includes(clientDer)).toBe(false);
  });

  it.each(versions)('%s: the same server, once pinned, gets the certificate and the request', async (maxVersion) => {
    const server = await serve(selfSigned, { maxVersion });
    const { outcome } = await fetchWithClientCertificate(server.url, { [server.url]: selfSigned.fingerprint });
    expect(outcome).toEqual({ version: '8.0.0' });
    expect(server.handshakes).toEqual([client.fingerprint]);
    expect(server.requests).toEqual(['GET /api/info']);
    // TLS 1.2 carries the client's Certificate in the clear: the relay would have seen it above.
    expect(server.received().includes(clientDer)).toBe(maxVersion === 'TLSv1.2');
  });

  it.each(versions)('%s: a pinned server that asks for no certificate is answered as before', async (maxVersion) => {
    const server = await serve(selfSigned, { maxVersion, requestCert: false });
    const { outcome } = await fetchWithClientCertificate(server.url, { [server.url]: selfSigned.fingerprint });
    expect(outcome).toEqual({ version: '8.0.0' });
    expect(server.handshakes).toEqual([null]);
    expect(server.received().includes(clientDer)).toBe(false);
  });

  it('TLS 1.3 with a HelloRetryRequest: the second ClientHello goes, the certificate still waits for the decision', async () => {
    const refused = await serve(selfSigned, { ecdhCurve: 'P-384' });
    const { outcome } = await fetchWithClientCertificate(refused.url);
    expect((outcome as ApiFailure).code).toBe('tls-untrusted');
    await refused.connectionsEnded(1);
    expect(clientHellos(refused.received())).toBe(2);
    expect(refused.handshakes).toEqual([]);

    const pinned = await serve(selfSigned, { ecdhCurve: 'P-384' });
    expect((await fetchWithClientCertificate(pinned.url, { [pinned.url]: selfSigned.fingerprint })).outcome).toEqual({ version: '8.0.0' });
    expect(clientHellos(pinned.received())).toBe(2);
    expect(pinned.handshakes).toEqual([client.fingerprint]);
  });

  it('the same through a SOCKS5 tunnel: refused unpinned without the certificate, and given it once pinned', async () => {
    const proxy = await startSocksProxy();
    try {
      const server = await serve(selfSigned, { maxVersion: 'TLSv1.2' });
      expect(((await fetchWithClientCertificate(server.url, {}, proxy.url)).outcome as ApiFailure).code).toBe('tls-untrusted');
      await server.connectionsEnded(1);
      expect(server.received().includes(clientDer)).toBe(false);
      const pinned = await fetchWithClientCertificate(server.url, { [server.url]: selfSigned.fingerprint }, proxy.url);
      expect(pinned.outcome).toEqual({ version: '8.0.0' });
      expect(server.handshakes).toEqual([client.fingerprint]);
      expect(proxy.connects).toEqual([new URL(server.url).host, new URL(server.url).host]);
    } finally {
      await proxy.close();
    }
  });

  /** Node's own verdict in the middle of the handshake: only a process started with NODE_EXTRA_CA_CERTS trusts the test CA. */
  describe('in a process that trusts the CA', () => {
    let child: NodeFetchProcess;
    beforeAll(async () => {
      child = await startNodeFetchProcess({ extraCaFile: ca.caFile, workDir: temp.dir });
    });
    afterAll(() => child.close());
    const env = () => ({ AM_CLIENT_CERT: client.certFile, AM_CLIENT_KEY: client.keyFile });

    it.each(versions)(
      '%s: a server with a certificate from that CA gets the certificate without the judge being asked',
      async (maxVersion) => {
        const server = await serve(ca.server(), { maxVersion });
        expect(await child.fetchInfo(server.url, { env: env() })).toMatchObject({ ok: true, asked: [] });
        expect(server.handshakes).toEqual([client.fingerprint]);
      },
    );

    it.each(versions)('%s: a certificate from that CA for another name is not trusted: the server gets nothing', async (maxVersion) => {
      const server = await serve(ca.server(['chat.other.example']), { maxVersion });
      const outcome = await child.fetchInfo(server.url, { env: env() });
      expect(outcome).toMatchObject({ ok: false, code: 'tls-untrusted' });
      expect(outcome.asked.map(({ reason }) => reason)).toEqual(['ERR_TLS_CERT_ALTNAME_INVALID']);
      await server.connectionsEnded(1);
      expect(server.handshakes).toEqual([]);
      expect(server.received().includes(clientDer)).toBe(false);
    });
  });
});
