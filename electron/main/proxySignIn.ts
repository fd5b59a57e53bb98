import type { AuthInfo, Net, Session } from 'electron';
import type { NetworkQuestions } from '../core';

/**
 * Asks the proxy once with a request that can answer its `login` (a HEAD of the same address,
 * through the same session): the sign-in comes from the core (the keychain, or the person)
 * and Chromium keeps it in that session's auth cache. True when the proxy let the request
 * through — any reply but 407, a redirect included, with or without a question on the way
 * (Chromium may already hold the sign-in). False when it still wants one, or the request
 * failed (the proxy refused the tunnel, or is down).
 */
export function proxySignIn(
  net: Pick<Net, 'request'>,
  session: Session,
  questions: Pick<NetworkQuestions, 'proxyCredentials'>,
  url: string,
): Promise<boolean> {
  return new Promise((resolve) => {
    let attempts = 0;
    let settled = false;
    const settle = (passed: boolean) => {
      if (settled) return;
      settled = true;
      resolve(passed);
    };
    // No credentials option: Chromium then sends no cookies but still presents a client certificate.
    const request = net.request({ url, method: 'HEAD', redirect: 'manual', session, useSessionCookies: false });
    request.on('login', (authInfo: AuthInfo, callback: (username?: string, password?: string) => void) => {
      if (!authInfo.isProxy) return callback(); // a server's own sign-in is never answered here
      attempts += 1;
      questions
        .proxyCredentials({ host: authInfo.host, port: authInfo.port, realm: authInfo.realm, scheme: authInfo.scheme, again: attempts > 1 })
        .then(
          (credentials) => (credentials ? callback(credentials.username, credentials.password) : callback()),
          () => callback(),
        );
    });
    request.on('response', (response) => {
      settle(response.statusCode !== 407);
      request.abort();
    });
    // With redirect 'manual' a redirect is no `response`: the proxy let the request through to a server that redirects.
    request.on('redirect', () => {
      settle(true);
      request.abort();
    });
    request.on('error', () => settle(false));
    request.on('abort', () => settle(false));
    request.end();
  });
}
