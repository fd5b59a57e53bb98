import type { App, Certificate, Net, Session } from 'electron';
import type { NetworkQuestions, ShellNetwork } from '../core';
import { proxySignIn } from './proxySignIn';

/** The verify proc's answers (Electron's session.setCertificateVerifyProc). */
const accept = 0;
const useChromiumVerdict = -3;

/** Chromium's names for "the proxy wants a sign-in it did not get": worth one sign-in and one more try. */
const proxySignInFailures = /net::ERR_(PROXY_AUTH_REQUESTED|PROXY_AUTH_UNSUPPORTED|TUNNEL_CONNECTION_FAILED)\b/;

/** `session.fromPartition`, as the shell gives it. */
export type SessionFactory = (partition: string, options: { cache: boolean }) => Session;

/** What the core is given as its network: Chromium's fetch through the core's own session, and its proxy lookup. */
export type ChromiumNetwork = ShellNetwork;

/**
 * The core's network (docs/network.md "The network belongs to the shell", D42, D71):
 * Chromium's — the system's proxy (PAC, WPAD), the OS trust store, client certificates —
 * through a session of the core's own. The session lives in memory, keeps no HTTP cache
 * and drops every cookie a server sets, so nothing one account's requests learn travels
 * with another's. Chromium caches the verify proc's verdicts per session for up to 30
 * minutes and nothing clears that cache, so when the person trusts or revokes a
 * certificate the core gets a new session, which starts with none.
 */
export function createChromiumNetwork(deps: {
  net: Pick<Net, 'request'>;
  fromPartition: SessionFactory;
  app: Pick<App, 'on'>;
  /** The core's answers: the core builds this network while it starts, and hands them over then. */
  questions: NetworkQuestions;
}): ChromiumNetwork {
  const { questions } = deps;
  const verifyProc = (
    request: { hostname: string; certificate: Certificate; verificationResult: string },
    callback: (verificationResult: number) => void,
  ) => {
    const trusted = questions.judgeChromiumCertificate({
      hostname: request.hostname,
      pem: request.certificate.data,
      verificationResult: request.verificationResult,
    });
    callback(trusted ? accept : useChromiumVerdict);
  };
  let made = 0;
  const makeSession = (): Session => {
    made += 1;
    const session = deps.fromPartition(`core-net-${made}`, { cache: false });
    session.setCertificateVerifyProc(verifyProc);
    session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withoutCookies(details.responseHeaders) }));
    return session;
  };
  let current = makeSession();

  const fetchThroughChromium = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    // `cache` is Chromium's fetch option (undici's RequestInit type lacks it): replies never reach a disk cache.
    const send = () => current.fetch(input as string, { ...init, cache: 'no-store' } as RequestInit);
    // A proxy that wants a sign-in: net.fetch raises no `login` (D45), so one is given through
    // net.request on the same session, and the request is tried once more.
    const signedIn = (): Promise<boolean> => {
      if (init?.signal?.aborted) return Promise.resolve(false);
      return proxySignIn(deps.net, current, questions, url);
    };
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      if (!proxySignInFailures.test(String((error as Error)?.message)) || !(await signedIn())) throw error;
      return send();
    }
    // A plain-http request through a proxy gets the proxy's 407 as its reply, not as an error.
    if (response.status !== 407 || !(await signedIn())) return response;
    await response.body?.cancel().catch(() => undefined);
    return send();
  }) as typeof fetch;

  questions.onCertificatesChanged(() => {
    const previous = current;
    current = makeSession();
    // New requests already use the new session; the old one's sockets close in their own time.
    void previous.closeAllConnections();
  });
  // net.fetch asks app-wide, with no web contents (electron.d.ts `select-client-certificate`).
  deps.app.on('select-client-certificate', (event, _webContents, url, certificates, callback) => {
    event.preventDefault(); // never Chromium's default of the first certificate in the store
    questions
      .chooseClientCertificate(
        url,
        certificates.map((certificate) => certificate.data),
      )
      .then(
        (index) => callback(index === null ? undefined : certificates[index]),
        () => callback(),
      );
  });

  return {
    fetch: fetchThroughChromium,
    resolveProxy: (url) => current.resolveProxy(url),
  };
}

/** A reply's headers without the cookies it sets: the core's session keeps none (D71). */
export function withoutCookies(headers: Record<string, string[]> | undefined): Record<string, string[]> | undefined {
  if (!headers) return headers;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'set-cookie'));
}
