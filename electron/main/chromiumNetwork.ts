import type { App, AuthInfo, Certificate, Net, Session } from 'electron';
import type { Core } from '../core/createCore';

/** The verify proc's answers (Electron's session.setCertificateVerifyProc). */
const accept = 0;
const useChromiumVerdict = -3;

/** Chromium's names for "the proxy wants a sign-in it did not get": worth one sign-in and one more try. */
const proxySignInFailures = /net::ERR_(PROXY_AUTH_REQUESTED|PROXY_AUTH_UNSUPPORTED|TUNNEL_CONNECTION_FAILED)\b/;

/**
 * What the core receives from Chromium (docs/architecture.md "The network belongs to the
 * shell"): net.fetch — the system's proxy (PAC, WPAD), the OS trust store, client
 * certificates — and session.resolveProxy for the About screen. net.fetch raises no `login`
 * for a proxy sign-in (electron/electron#44249), so a request the proxy refused for want of
 * one is tried once more after a sign-in (proxySignIn below) has filled Chromium's cache.
 */
export function chromiumCoreOptions(
  net: Pick<Net, 'fetch' | 'request'>,
  session: Pick<Session, 'resolveProxy'>,
  getCore: () => Core | null,
): { fetch: typeof fetch; resolveProxy: (url: string) => Promise<string> } {
  const fetchThroughChromium = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    try {
      return await net.fetch(input as string, init);
    } catch (error) {
      const core = getCore();
      if (!core || init?.signal?.aborted || !proxySignInFailures.test(String((error as Error)?.message))) throw error;
      if (!(await proxySignIn(net, core, String(input instanceof Request ? input.url : input)))) throw error;
      return net.fetch(input as string, init);
    }
  }) as typeof fetch;
  return { fetch: fetchThroughChromium, resolveProxy: (url) => session.resolveProxy(url) };
}

/**
 * Asks the proxy once with a request that can answer its `login` (a HEAD of the same
 * address): the sign-in comes from the core (the keychain, or the person). True when a
 * sign-in was given and the proxy let the request through.
 */
export function proxySignIn(net: Pick<Net, 'request'>, core: Core, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    let attempts = 0;
    let signedIn = false;
    const request = net.request({ url, method: 'HEAD', redirect: 'manual', credentials: 'omit', useSessionCookies: false });
    request.on('login', (authInfo: AuthInfo, callback: (username?: string, password?: string) => void) => {
      if (!authInfo.isProxy) return callback(); // a server's own sign-in is never answered here
      attempts += 1;
      answerProxy(core, authInfo, attempts > 1).then(
        (credentials) => {
          signedIn = credentials !== null;
          if (credentials) callback(credentials.username, credentials.password);
          else callback();
        },
        () => callback(),
      );
    });
    request.on('response', (response) => {
      resolve(signedIn && response.statusCode !== 407);
      request.abort();
    });
    request.on('error', () => resolve(false));
    request.on('abort', () => resolve(false));
    request.end();
  });
}

function answerProxy(core: Core, authInfo: AuthInfo, again: boolean) {
  return core.network.proxyCredentials({ host: authInfo.host, port: authInfo.port, realm: authInfo.realm, scheme: authInfo.scheme, again });
}

/**
 * Binds Chromium's network questions to the core, which decides:
 * - the verify proc: a certificate Chromium refused is accepted only when the person trusted
 *   it for that server (the core's pins), and the core keeps what it saw for the review;
 * - `login` (app-wide, for any request Chromium routes there): a proxy's sign-in, from the
 *   keychain or the person — never a server's;
 * - `select-client-certificate`: the certificate the person chose for that server.
 */
export function connectChromiumNetwork(
  core: Core,
  app: Pick<App, 'on'>,
  session: Pick<Session, 'setCertificateVerifyProc' | 'closeAllConnections'>,
): void {
  const verifyProc = (
    request: { hostname: string; certificate: Certificate; verificationResult: string },
    callback: (verificationResult: number) => void,
  ) => {
    const trusted = core.network.judgeChromiumCertificate({
      hostname: request.hostname,
      pem: request.certificate.data,
      verificationResult: request.verificationResult,
    });
    callback(trusted ? accept : useChromiumVerdict);
  };
  session.setCertificateVerifyProc(verifyProc);
  // Chromium caches the proc's answers: a new decision needs a new proc and fresh connections.
  core.events.on('certificates.changed', () => {
    session.setCertificateVerifyProc(verifyProc);
    void session.closeAllConnections();
  });

  app.on('login', (event, _webContents, details, authInfo, callback) => {
    if (!authInfo.isProxy) return;
    event.preventDefault();
    answerProxy(core, authInfo, !details.firstAuthAttempt).then(
      (credentials) => (credentials ? callback(credentials.username, credentials.password) : callback()),
      () => callback(),
    );
  });

  app.on('select-client-certificate', (event, _webContents, url, certificates, callback) => {
    event.preventDefault(); // never Chromium's default of the first certificate in the store
    core.network
      .chooseClientCertificate(
        url,
        certificates.map((certificate) => certificate.data),
      )
      .then(
        (index) => callback(index === null ? undefined : certificates[index]),
        () => callback(),
      );
  });
}
