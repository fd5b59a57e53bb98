// Programmatic entry point: tests (this package's and the app's e2e tests) start
// servers in-process on port 0; the CLI is a thin wrapper around startUsersApi.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { App } from './app';
import { LoginBlocker } from './auth/loginBlock';
import { defaultPermissions } from './auth/permissions';
import { Clock } from './clock';
import { devRoutes } from './dev/devRoutes';
import { FaultStore } from './dev/faults';
import { RequestLog } from './dev/requestLog';
import { createRequestHandler } from './http/pipeline';
import { RateLimiter } from './http/rateLimit';
import { parseRelease } from './release';
import { apiRoutes } from './routes';
import { loadSeed, readSeed } from './seed/load';
import type { SeedData } from './seed/types';
import { SsoState } from './sso/ssoState';
import { Directories } from './state/directories';
import { Mailer } from './state/mailer';
import { defaultSettings } from './state/settings';
import type { Settings } from './state/settings';
import { Store } from './state/store';
import { loadValidators } from './validation/load';

export type { SeedData, SeedUser, SeedPeople, SeedSubscription } from './seed/types';
export type { Settings } from './state/settings';
export type { LoginService } from './state/types';
export type { Mail } from './state/types';
export { DEMO_SEED_PATH } from './seed/load';

export interface RateLimitOption {
  limit: number;
  windowMs: number;
}

export interface UsersApiOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** A seed object or a path to a seed JSON file; default: seed/demo.json. */
  seed?: SeedData | string;
  /**
   * The release imitated: 8 (default, the newest 8.x), 7 (7.x quirks: raw user leak in
   * updateOwnBasicInfo…), or a minor such as "8.6" (routes and parameters newer than it are missing).
   */
  compat?: 7 | 8 | string;
  /** Enables the /_dev/* routes. */
  dev?: boolean;
  /** As ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS=TRUE on a real server: 8.x then reads `fields` and `query` of lists. */
  unsafeQueryParams?: boolean;
  /** Generated people added on top of the seed's. */
  people?: number;
  /** Settings applied over the seed's (same keys as /_dev/settings). */
  settings?: Partial<Settings>;
  /** updateOwnBasicInfo limit (default 1 per 60 000 ms, per user); false disables it. */
  updateRateLimit?: RateLimitOption | false;
  /** General per-route limit (default 10 per 60 000 ms, per IP); false disables it. */
  rateLimit?: RateLimitOption | false;
  /** Base clock (ms since epoch); /_dev/clock and advanceClock() add an offset to it. */
  now?: () => number;
  /** bcrypt cost for stored hashes and email codes (default 10, like Rocket.Chat). */
  bcryptRounds?: number;
  /** ROOT_URL used in avatarUrl and redirects; default http://127.0.0.1:<port> (https://localhost:<port> with tls). */
  rootUrl?: string;
  /** Serve HTTPS instead of HTTP (PEM text). The URL then names `localhost`, so the certificate should too. */
  tls?: TlsOption;
}

export interface TlsOption {
  cert: string | Buffer;
  key: string | Buffer;
  /** Ask every client for a certificate issued by this CA, and refuse the connection without one (mutual TLS). */
  clientCa?: string | Buffer;
}

export interface UsersApi {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Moves the server's clock forward (TOTP steps, code expiry, rate-limit windows). */
  advanceClock(ms: number): void;
}

function settingsFromOptions(options: UsersApiOptions): Partial<Settings> {
  const out: Partial<Settings> = { ...options.settings };
  if (options.rateLimit === false) out.API_Enable_Rate_Limiter = false;
  else if (options.rateLimit) {
    out.API_Enable_Rate_Limiter_Limit_Calls_Default = options.rateLimit.limit;
    out.API_Enable_Rate_Limiter_Limit_Time_Default = options.rateLimit.windowMs;
  }
  if (options.updateRateLimit === false) out.UpdateOwnBasicInfo_Rate_Limit_Enabled = false;
  else if (options.updateRateLimit) {
    out.UpdateOwnBasicInfo_Rate_Limit_Calls = options.updateRateLimit.limit;
    out.UpdateOwnBasicInfo_Rate_Limit_Time = options.updateRateLimit.windowMs;
  }
  return out;
}

export async function startUsersApi(options: UsersApiOptions = {}): Promise<UsersApi> {
  const seed = await readSeed(options.seed);
  const clock = new Clock(options.now);
  const overrides = settingsFromOptions(options);
  const loadOptions = { extraPeople: options.people ?? 0, settings: overrides };
  const release = parseRelease(options.compat ?? 8);
  if (!release) throw new Error(`compat: not a release the server imitates: ${String(options.compat)}`);
  const app: App = {
    store: new Store(clock),
    settings: defaultSettings(),
    clock,
    mailer: new Mailer(clock, () => app.settings.Dev_Mailer_Broken),
    limiter: new RateLimiter(clock),
    loginBlocks: new LoginBlocker(clock),
    permissions: defaultPermissions(),
    compat: release.major,
    release,
    dev: options.dev ?? false,
    unsafeQueryParams: options.unsafeQueryParams ?? false,
    bcryptRounds: options.bcryptRounds ?? 10,
    rootUrl: options.rootUrl ?? '',
    directories: new Directories(),
    loginServices: [],
    sso: new SsoState(clock),
    faults: new FaultStore(),
    requestLog: new RequestLog(),
    validators: await loadValidators(),
    reset: async () => {
      app.store = new Store(clock);
      app.directories = new Directories();
      app.sso = new SsoState(clock);
      app.mailer.clear();
      app.limiter.clear();
      app.loginBlocks.clear();
      app.faults.clear();
      app.requestLog.clear();
      await loadSeed(app, seed, loadOptions);
    },
  };
  await loadSeed(app, seed, loadOptions);

  const closing = new AbortController();
  const handler = createRequestHandler(app, apiRoutes, devRoutes, closing.signal);
  const tls = options.tls;
  const server = tls
    ? createTlsServer(
        { cert: tls.cert, key: tls.key, ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}) },
        handler,
      )
    : createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
  if (!options.rootUrl) app.rootUrl = url;

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    advanceClock: (ms) => clock.advance(ms),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
