import { TOTP } from 'otpauth';
import { Agent, fetch as undiciFetch } from 'undici';
import { startUsersApi, type SeedData } from '../../tools/users-api/src/index';
import { devControls, type ServedRequest, type UsersApiControls } from './usersApiControls';

/** The demo accounts of tools/users-api/seed/demo.json, as the tests use them. */
export const demo = {
  plain: { user: 'demouser', password: 'demo-pass-1', userId: 'gzvcvpov9G4TxbGFS', email: 'demouser@example.com' },
  email2fa: { user: 'test.john', password: 'john-pass-1', userId: '5fRTXMt7DMJbpPJfh', email: 'test.john@test.com' },
  totp: { user: 'roxie', password: 'roxie-pass-1', secret: 'JBSWY3DPEHPK3PXP' },
};

/** A TOTP code computed independently of the server's own code (otpauth). */
export function totpCode(secret = demo.totp.secret, offsetSteps = 0): string {
  const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/**
 * bcrypt cost for in-process test servers. The default (10, as Rocket.Chat) costs ~0.1–0.5 s
 * of pure-JS hashing per sign-in, emailed code and seed user, on the same event loop as the
 * code under test: on a busy 2-core machine that alone made sign-ins miss their deadline.
 */
export const testBcryptRounds = 4;

/** A reference server of this process, with its dev routes as named controls (usersApiControls.ts). */
export interface TestServer extends UsersApiControls {
  url: string;
  /** Closes the server; rejects (after closing) when it refused requests at a validator no one has collected yet. */
  close(): Promise<void>;
  /**
   * Requests one of Rocket.Chat's validators refused since the last call, one line each
   * (`POST /api/v1/x answered 400: <messages>`): a client request the real server would refuse.
   * Refusals logged before `forgetRequests()` or `reset()` are kept for this.
   */
  validatorRejections(): Promise<string[]>;
}

/** This process's servers that are still open, so a test can ask all of them at its end. */
const openServers = new Set<TestServer>();

/** What every open server refused at a validator since it was last asked (see fixtures.ts). */
export async function collectValidatorRejections(): Promise<string[]> {
  const found: string[] = [];
  for (const server of openServers) found.push(...(await server.validatorRejections()));
  return found;
}

/** Starts the reference users API in this process with the demo seed and dev routes. */
export async function startTestServer(
  options: {
    /** The release imitated: 7, 8 (the default) or a minor such as '8.6'. */
    compat?: 7 | 8 | string;
    /** Another seed than the demo one (e.g. the demo seed with one more login service). */
    seed?: SeedData;
    people?: number;
    /** As ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE: 8.x then reads `fields` of users.list. */
    unsafeQueryParams?: boolean;
    /** The real one-update-a-minute limit, as servers ship. */
    limitUpdates?: boolean;
    /** The server's base clock; `advanceClock()` moves it on (a fixed one stands still until then). */
    now?: () => number;
    /**
     * A fixed port, only to start a server again at the same address with another certificate
     * (the app pins a certificate per address). Taken back at once by this process; anything
     * else wants 0 ("offline" is faults that drop connections, never a stopped server).
     */
    port?: number;
    /**
     * HTTPS (tests/support/testCertificates): the server's certificate and key, the CA that
     * issued it (trusted by this helper's own dev calls only), and for mutual TLS the CA of
     * client certificates plus one the helper presents itself.
     */
    tls?: { cert: string; key: string; ca: string; clientCa?: string; client?: { cert: string; key: string } };
  } = {},
): Promise<TestServer> {
  // Rate limits off: every client here shares 127.0.0.1 (the 429 tests turn them on themselves).
  const { limitUpdates, tls, ...rest } = options;
  const server = await startUsersApi({
    port: 0,
    dev: true,
    rateLimit: false,
    bcryptRounds: testBcryptRounds,
    ...(limitUpdates ? {} : { updateRateLimit: false }),
    ...(tls ? { tls: { cert: tls.cert, key: tls.key, ...(tls.clientCa ? { clientCa: tls.clientCa } : {}) } } : {}),
    ...rest,
  });
  // The dev routes over HTTPS trust the test CA here only, whatever name the certificate is for
  // (some tests serve one for another host on purpose); the app under test decides for itself.
  const devAgent = tls ? new Agent({ connect: { ca: tls.ca, checkServerIdentity: () => undefined, ...(tls.client ?? {}) } }) : undefined;
  const dev = async (path: string, init?: RequestInit) => {
    const request = { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } };
    const response = devAgent
      ? await undiciFetch(server.url + path, { ...(request as Parameters<typeof undiciFetch>[1]), dispatcher: devAgent })
      : await fetch(server.url + path, request);
    if (!response.ok) throw new Error(`dev ${path} answered ${response.status}`);
    const text = await response.text();
    return text ? JSON.parse(text) : {};
  };
  let checkedUpTo = 0;
  /** Refusals read from the log before it was emptied, not yet handed out. */
  let kept: string[] = [];
  const unseenRejections = async () => {
    const { requests } = (await dev('/_dev/requests')) as { requests: ServedRequest[] };
    const unseen = requests.filter((request) => request.seq > checkedUpTo);
    checkedUpTo = Math.max(checkedUpTo, ...unseen.map((request) => request.seq));
    return unseen
      .filter((request) => request.rejectedBy === 'validator')
      .map((request) => `${request.method} ${request.path} answered ${request.status}: ${(request.messages ?? []).join('; ')}`);
  };
  let closing: Promise<void> | undefined;
  const testServer: TestServer = {
    ...devControls(dev, async () => {
      kept.push(...(await unseenRejections()));
    }),
    url: server.url,
    close: () => {
      closing ??= (async () => {
        let unseen: string[] = [];
        try {
          unseen = await testServer.validatorRejections();
        } finally {
          openServers.delete(testServer);
          await server.close();
          await devAgent?.close();
        }
        if (unseen.length > 0) throw new Error(`The reference server refused requests at its validators:\n${unseen.join('\n')}`);
      })();
      return closing;
    },
    async validatorRejections() {
      const found = [...kept, ...(await unseenRejections())];
      kept = [];
      return found;
    },
  };
  openServers.add(testServer);
  return testServer;
}
