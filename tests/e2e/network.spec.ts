import { closedPort, startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { createTestCa, type IssuedCertificate, type TestCa } from '../support/testCertificates';
import { demo, startTestServer, type TestServer } from '../support/usersApiServer';
import { expect, expectAccessible, test as base } from './support/fixtures';

/** The reference server over TLS, with a certificate the test CA issued; restartable on its port with a new one. */
interface TlsServer {
  url: string;
  certificate: IssuedCertificate;
  restartWithNewCertificate(): Promise<void>;
}

const test = base.extend<{ tlsServer: TlsServer; mutualServer: TestServer; tunnel: ConnectProxy }, { pki: TestCa }>({
  pki: [
    async ({}, use) => {
      const ca = createTestCa();
      await use(ca);
      ca.remove();
    },
    { scope: 'worker' },
  ],
  tlsServer: async ({ pki }, use) => {
    const serve = (certificate: IssuedCertificate, port = 0) =>
      startTestServer({ port, tls: { cert: certificate.cert, key: certificate.key, ca: pki.ca } });
    let certificate = pki.server();
    let server = await serve(certificate);
    const port = Number(new URL(server.url).port);
    const running: TlsServer = {
      url: server.url,
      certificate,
      async restartWithNewCertificate() {
        await server.close();
        certificate = pki.server();
        server = await serve(certificate, port);
        running.certificate = certificate;
      },
    };
    await use(running);
    await server.close();
  },
  mutualServer: async ({ pki }, use) => {
    const certificate = pki.server();
    const server = await startTestServer({
      tls: { cert: certificate.cert, key: certificate.key, ca: pki.ca, clientCa: pki.ca, client: pki.client() },
    });
    await use(server);
    await server.close();
  },
  // Not `proxy`: that name is Playwright's own option (the browser's proxy).
  tunnel: async ({}, use) => {
    const proxy = await startConnectProxy();
    await use(proxy);
    await proxy.close();
  },
});

test.describe('through HTTPS_PROXY, with the test CA in NODE_EXTRA_CA_CERTS', () => {
  test.use({
    hostEnv: async ({ pki, tunnel }, use) =>
      use({ ...process.env, NODE_EXTRA_CA_CERTS: pki.caFile, HTTPS_PROXY: tunnel.url, NO_PROXY: '' }),
  });

  test('signs in over TLS through the proxy, and About names the proxy', async ({ page, ui, tlsServer, tunnel }) => {
    await ui.open();
    await ui.addServer.add(tlsServer.url);
    await ui.signIn.withPassword(demo.plain.user, demo.plain.password);
    await expect(ui.home.profileHeading('demouser')).toBeVisible();
    expect(tunnel.connects).toContain(new URL(tlsServer.url).host);

    await ui.about.open();
    const server = ui.about.networkServer;
    await expect(server.getByTestId('server-proxy')).toHaveText(`Proxy 127.0.0.1:${tunnel.port}`);
    await expect(server.getByTestId('trusted-certificate')).toHaveText('None: only certificates this computer trusts');
    await expect(page.getByText('Proxies come from the HTTPS_PROXY, HTTP_PROXY and NO_PROXY environment variables.')).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('with the proxy down', () => {
  test.use({
    hostEnv: async ({ pki }, use) =>
      use({ ...process.env, NODE_EXTRA_CA_CERTS: pki.caFile, HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}` }),
  });

  test('says the proxy cannot be reached, not that the server is offline', async ({ page, ui, tlsServer }) => {
    await ui.open();
    await ui.addServer.open();
    await ui.addServer.check(tlsServer.url);
    const error = page.getByText(/^The proxy server \(http:\/\/127\.0\.0\.1:\d+\) cannot be reached/);
    await expect(error).toBeVisible();
    // The raw code may sit in the closed "Details" disclosure, never in the text a person reads.
    expect(await page.locator('body').innerText()).not.toMatch(/ECONNREFUSED|AM_PROXY/);
    await expect(ui.addServer.found).toHaveCount(0);
  });
});

test.describe('without the test CA', () => {
  test('shows the certificate, trusts it for that server on request, asks again for a new one, and revokes', async ({
    app,
    page,
    ui,
    tlsServer,
  }) => {
    await ui.open();
    await ui.addServer.open();
    await ui.addServer.check(tlsServer.url);
    const decision = page.getByTestId('certificate-decision');
    const host = new URL(tlsServer.url).host;
    await expect(decision.getByTestId('certificate-fingerprint')).toHaveText(tlsServer.certificate.fingerprint);
    await expect(decision.getByText('CN=localhost, O=Account Manager Tests')).toBeVisible();
    await expect(decision.getByText('CN=Account Manager Test CA, O=Account Manager Tests')).toBeVisible();
    await expect(decision.getByText(/no authority this computer trusts has vouched for/)).toBeVisible();
    await expectAccessible(page);
    await decision.getByRole('button', { name: `Trust this certificate for ${host}` }).click();
    // Trusting checks the server again, and it is found.
    await expect(ui.addServer.found).toBeVisible();
    await ui.addServer.continueToSignIn();
    await ui.signIn.withPassword(demo.plain.user, demo.plain.password);
    await expect(ui.home.profileHeading('demouser')).toBeVisible();

    // A new certificate, seen after a restart of both: the decision is asked again.
    const first = tlsServer.certificate.fingerprint;
    await tlsServer.restartWithNewCertificate();
    await app.restart(page);
    await ui.about.open();
    const server = ui.about.networkServer;
    await expect(server.getByTestId('trusted-certificate')).toContainText(first);
    await server.getByRole('button', { name: 'Review certificate' }).click();
    await expect(server.getByTestId('certificate-fingerprint')).toHaveText(tlsServer.certificate.fingerprint);
    await expect(server.getByText(/a different certificate from the one you trusted before/)).toBeVisible();
    await server.getByRole('button', { name: `Trust this certificate for ${host}` }).click();
    await expect(server.getByTestId('trusted-certificate')).toContainText(tlsServer.certificate.fingerprint);

    // Revoked: the server is refused again, and the decision comes back.
    await server.getByRole('button', { name: 'Revoke trust' }).click();
    await expect(server.getByTestId('trusted-certificate')).toHaveText('None: only certificates this computer trusts');
    await ui.addServer.open();
    await ui.addServer.check(tlsServer.url);
    await expect(page.getByTestId('certificate-decision').getByTestId('certificate-fingerprint')).toHaveText(
      tlsServer.certificate.fingerprint,
    );
  });
});

test.describe('a server that requires a client certificate', () => {
  test.describe('with AM_CLIENT_CERT and AM_CLIENT_KEY', () => {
    test.use({
      hostEnv: async ({ pki }, use) => {
        const client = pki.client('Account Manager E2E');
        await use({ ...process.env, NODE_EXTRA_CA_CERTS: pki.caFile, AM_CLIENT_CERT: client.certFile, AM_CLIENT_KEY: client.keyFile });
      },
    });

    test('answers, and About names the certificate', async ({ ui, mutualServer }) => {
      await ui.open();
      await ui.addServer.add(mutualServer.url);
      await ui.signIn.withPassword(demo.plain.user, demo.plain.password);
      await expect(ui.home.profileHeading('demouser')).toBeVisible();
      await ui.about.open();
      await expect(ui.about.networkServer.getByText('CN=Account Manager E2E, O=Account Manager Tests')).toBeVisible();
    });
  });

  test.describe('without one', () => {
    test.use({ hostEnv: async ({ pki }, use) => use({ ...process.env, NODE_EXTRA_CA_CERTS: pki.caFile }) });

    test('says the server asks for a certificate', async ({ page, ui, mutualServer }) => {
      await ui.open();
      await ui.addServer.open();
      await ui.addServer.check(mutualServer.url);
      await expect(page.getByText(`${new URL(mutualServer.url).host} asks for a client certificate`, { exact: false })).toBeVisible();
      await expect(ui.addServer.found).toHaveCount(0);
    });
  });
});
