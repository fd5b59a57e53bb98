import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startConnectProxy, type ConnectProxy } from '../../../../tests/support/connectProxy';
import { createTestCa, type IssuedCertificate, type TestCa } from '../../../../tests/support/testCertificates';
import { demo, startTestServer, type TestServer } from '../../../../tests/support/usersApiServer';
import { systemClock } from '../../clock';
import { ApiFailure } from '../apiFailure';
import { fetchServerInfo, passwordDigest } from '../authApi';
import { loginWith, passwordLoginBody } from '../signInApi';
import { UsersApiClient } from '../usersApiClient';
import { createNodeFetch } from './nodeFetch';
import type { TlsJudge, UnverifiedConnection } from './tlsJudge';

/** A judge like the core's: accepts exactly the pinned fingerprint per origin, and records what it was asked. */
function pinJudge(pins: Record<string, string> = {}): TlsJudge & { asked: UnverifiedConnection[] } {
  const asked: UnverifiedConnection[] = [];
  return {
    asked,
    judge(connection) {
      asked.push(connection);
      return pins[connection.origin] === connection.certificate.fingerprint256 ? true : { code: connection.reason };
    },
  };
}

const failureOf = async (promise: Promise<unknown>): Promise<ApiFailure> => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiFailure);
  return error as ApiFailure;
};

/**
 * nodeFetch for real: the reference server over TLS with a certificate from a CA made for
 * this run, a CONNECT proxy on 127.0.0.1, and a server that requires a client certificate.
 */
describe('nodeFetch', () => {
  let ca: TestCa;
  let serverCertificate: IssuedCertificate;
  let server: TestServer;
  let mutual: TestServer;
  let proxy: ConnectProxy;
  let clientCertificate: IssuedCertificate;

  beforeAll(async () => {
    ca = createTestCa();
    serverCertificate = ca.server();
    clientCertificate = ca.client();
    server = await startTestServer({ tls: { cert: serverCertificate.cert, key: serverCertificate.key, ca: ca.ca } });
    mutual = await startTestServer({
      tls: { cert: serverCertificate.cert, key: serverCertificate.key, ca: ca.ca, clientCa: ca.ca, client: clientCertificate },
    });
    proxy = await startConnectProxy();
  });
  afterAll(async () => {
    await server.close();
    await mutual.close();
    await proxy.close();
    ca.remove();
  });

  const clientOf = (url: string, fetchImpl: typeof fetch) =>
    new UsersApiClient({ baseUrl: url, fetch: fetchImpl, clock: systemClock, timeoutMs: 10_000, retryPolicy: { attempts: 1 } });

  it('refuses a certificate from an unknown CA, shows it to the judge, and connects once the judge accepts that certificate', async () => {
    const judge = pinJudge();
    const refused = createNodeFetch({ env: {}, judge });
    const failure = await failureOf(fetchServerInfo(clientOf(server.url, refused.fetch)));
    await refused.close();
    expect(failure.code).toBe('tls-untrusted');
    expect(judge.asked[0]).toMatchObject({ origin: server.url, hostname: 'localhost', reason: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(judge.asked[0]!.certificate.fingerprint256).toBe(serverCertificate.fingerprint);

    const pinned = createNodeFetch({ env: {}, judge: pinJudge({ [server.url]: serverCertificate.fingerprint }) });
    await expect(fetchServerInfo(clientOf(server.url, pinned.fetch))).resolves.toMatchObject({ version: expect.any(String) });
    await pinned.close();
  });

  it('does not let a pin for one server cover another, nor a different certificate for the same server', async () => {
    const other = ca.server();
    const judge = pinJudge({ [server.url]: other.fingerprint, 'https://localhost:1': serverCertificate.fingerprint });
    const nodeFetch = createNodeFetch({ env: {}, judge });
    expect((await failureOf(fetchServerInfo(clientOf(server.url, nodeFetch.fetch)))).code).toBe('tls-untrusted');
    await nodeFetch.close();
  });

  it('goes through HTTPS_PROXY: the sign-in reaches the server and the proxy saw the CONNECT', async () => {
    proxy.connects.length = 0;
    const judge = pinJudge({ [server.url]: serverCertificate.fingerprint });
    const nodeFetch = createNodeFetch({ env: { HTTPS_PROXY: proxy.url }, judge });
    expect(nodeFetch.proxyFor(server.url)?.href).toBe(`${proxy.url}/`);
    const answer = await loginWith(
      clientOf(server.url, nodeFetch.fetch),
      passwordLoginBody(demo.plain.user, { digest: passwordDigest(demo.plain.password) }),
    );
    await nodeFetch.close();
    expect(answer.userId).toBe(demo.plain.userId);
    expect(proxy.connects).toContain(new URL(server.url).host);
  });

  it('judges the certificate behind the tunnel too: an unknown CA through the proxy is refused', async () => {
    proxy.connects.length = 0;
    const judge = pinJudge();
    const nodeFetch = createNodeFetch({ env: { HTTPS_PROXY: proxy.url }, judge });
    const failure = await failureOf(fetchServerInfo(clientOf(server.url, nodeFetch.fetch)));
    await nodeFetch.close();
    expect(failure.code).toBe('tls-untrusted');
    expect(proxy.connects).toHaveLength(1);
    expect(judge.asked).toHaveLength(1);
  });

  it('goes direct for an address NO_PROXY names', async () => {
    proxy.connects.length = 0;
    const nodeFetch = createNodeFetch({
      env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.org, localhost' },
      judge: pinJudge({ [server.url]: serverCertificate.fingerprint }),
    });
    expect(nodeFetch.proxyFor(server.url)).toBeNull();
    await fetchServerInfo(clientOf(server.url, nodeFetch.fetch));
    await nodeFetch.close();
    expect(proxy.connects).toEqual([]);
  });

  it('says the proxy cannot be reached — not that the server is offline — when the proxy is down', async () => {
    const downProxy = `http://127.0.0.1:${await closedPort()}`;
    const nodeFetch = createNodeFetch({ env: { HTTPS_PROXY: downProxy }, judge: pinJudge() });
    const failure = await failureOf(fetchServerInfo(clientOf(server.url, nodeFetch.fetch)));
    await nodeFetch.close();
    expect(failure.code).toBe('network-unreachable');
    expect(failure.message).toMatch(/^The proxy server \(http:\/\/127\.0\.0\.1:\d+\) cannot be reached/);
    expect(failure.message).not.toMatch(/ECONNREFUSED|AM_PROXY|ERR_/);
  });

  it('says the proxy wants a sign-in when it answers 407, and signs in with the user name and password of the proxy address', async () => {
    const guarded = await startConnectProxy({ credentials: { username: 'ann', password: 'p@ss word' } });
    try {
      const anonymous = createNodeFetch({ env: { HTTPS_PROXY: guarded.url }, judge: pinJudge() });
      const failure = await failureOf(fetchServerInfo(clientOf(server.url, anonymous.fetch)));
      await anonymous.close();
      expect(failure.message).toMatch(/^The proxy server \(http:\/\/127\.0\.0\.1:\d+\) asks for a sign-in/);
      expect(guarded.refusedSignIns).toBe(1);

      const withSignIn = `http://ann:${encodeURIComponent('p@ss word')}@127.0.0.1:${guarded.port}`;
      const signedIn = createNodeFetch({
        env: { HTTPS_PROXY: withSignIn },
        judge: pinJudge({ [server.url]: serverCertificate.fingerprint }),
      });
      await fetchServerInfo(clientOf(server.url, signedIn.fetch));
      await signedIn.close();
      expect(guarded.refusedSignIns).toBe(1);
      expect(guarded.connects).toEqual([new URL(server.url).host, new URL(server.url).host]);
    } finally {
      await guarded.close();
    }
  });

  it('presents AM_CLIENT_CERT to a server that requires a client certificate, and says one is required without it', async () => {
    const judge = pinJudge({ [mutual.url]: serverCertificate.fingerprint });
    const without = createNodeFetch({ env: {}, judge });
    const failure = await failureOf(fetchServerInfo(clientOf(mutual.url, without.fetch)));
    await without.close();
    expect(failure.message).toBe(
      `${new URL(mutual.url).host} asks for a client certificate (one that identifies you or this computer), and the app has none to send. Ask your IT department which certificate to use.`,
    );

    const withCertificate = createNodeFetch({
      env: { AM_CLIENT_CERT: clientCertificate.certFile, AM_CLIENT_KEY: clientCertificate.keyFile },
      judge,
    });
    expect(withCertificate.clientCertificate?.details.fingerprint).toBe(clientCertificate.fingerprint);
    const answer = await loginWith(
      clientOf(mutual.url, withCertificate.fetch),
      passwordLoginBody(demo.plain.user, { digest: passwordDigest(demo.plain.password) }),
    );
    await withCertificate.close();
    expect(answer.userId).toBe(demo.plain.userId);
  });

  it('sends a multipart upload (Node’s own FormData) as multipart', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const nodeFetch = createNodeFetch({ env: {}, judge: pinJudge({ [server.url]: serverCertificate.fingerprint }) });
    const client = clientOf(server.url, nodeFetch.fetch);
    const answer = await loginWith(client, passwordLoginBody(demo.plain.user, { digest: passwordDigest(demo.plain.password) }));
    await client.request({
      path: '/api/v1/users.setAvatar',
      auth: { userId: answer.userId, token: answer.token },
      multipart: { field: 'image', fileName: 'me.png', contentType: 'image/png', bytes: png },
    });
    const avatar = await client.fetchBinary({ path: `/avatar/${demo.plain.user}` });
    await nodeFetch.close();
    expect(avatar.headers.get('content-type')).toBe('image/png');
    expect(avatar.bytes.equals(png)).toBe(true);
  });

  it('stops with a sentence when the client certificate setting cannot be used', () => {
    expect(() => createNodeFetch({ env: { AM_CLIENT_CERT: clientCertificate.certFile }, judge: pinJudge() })).toThrow(
      'Set both AM_CLIENT_CERT and AM_CLIENT_KEY (PEM files) to use a client certificate.',
    );
    expect(() =>
      createNodeFetch({ env: { AM_CLIENT_CERT: '/nonexistent/cert.pem', AM_CLIENT_KEY: clientCertificate.keyFile }, judge: pinJudge() }),
    ).toThrow('AM_CLIENT_CERT names /nonexistent/cert.pem, which cannot be read.');
  });
});
