/**
 * Chromium's network as the shell meets it, for the fake `electron` (tests/mocks/electron.ts).
 * It behaves as Electron 45's type definitions and source say where the shell depends on it:
 *
 * - a session's certificate verdicts are cached per host and certificate, like the network
 *   service's verifier cache (30 minutes, 256 entries); installing a new verify proc does not
 *   clear that cache (electron.d.ts `setCertificateVerifyProc`; electron/electron#41448);
 * - `session.fetch` / `net.fetch` build a ClientRequest with no `login` listener, so a proxy's
 *   sign-in is cancelled: a plain-http request gets the proxy's 407 as its reply and a tunnel
 *   fails (`lib/browser/api/net-fetch.ts`, `lib/common/api/net-client-request.ts`); the
 *   app-wide `login` event is never raised for them (electron.d.ts: web contents and utility
 *   processes only);
 * - `credentials` defaults to "include": cookies are stored and sent, per session;
 * - a session keeps replies in its HTTP cache unless the session has none or the request
 *   says `cache: 'no-store'`; webRequest listeners see every request (electron.d.ts `fetch`);
 * - the system proxy comes from a PAC-style answer; a proxy that is down falls back to the
 *   next entry, as Chromium does.
 *
 * Servers are handlers on a fake internet; `internet.arrivals` lists what reached them.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export interface FakeServer {
  /** The certificate (PEM) an https server presents. */
  certificate?: string;
  /** Chromium's own verdict on that certificate, before the verify proc. */
  verdict?: string;
  /** A failure Chromium reports before any reply (e.g. `net::ERR_SSL_CLIENT_AUTH_CERT_NEEDED`). */
  failWith?: string;
  handle(request: Request): Response | Promise<Response>;
}

export interface FakeProxy {
  down?: boolean;
  /** The proxy refuses to connect to any server. */
  refuses?: boolean;
  /** A Basic sign-in it asks for (HTTP and HTTPS proxies only). */
  credentials?: { username: string; password: string };
}

export interface Arrival {
  url: string;
  method: string;
  cookie: string | null;
  /** The partition of the session that sent it ('' for the default session). */
  partition: string;
  via: string;
}

export class FakeInternet {
  servers = new Map<string, FakeServer>();
  proxies = new Map<string, FakeProxy>();
  arrivals: Arrival[] = [];
  /** The system's proxy for an address, as a PAC script answers. */
  pac: (url: string) => string = () => 'DIRECT';
  reset(): void {
    this.servers.clear();
    this.proxies.clear();
    this.arrivals.length = 0;
    this.pac = () => 'DIRECT';
  }
}

export const internet = new FakeInternet();

type VerifyRequest = { hostname: string; certificate: { data: string }; verificationResult: string; errorCode: number };
type VerifyProc = (request: VerifyRequest, callback: (result: number) => void) => void;
type WebRequestListener = (details: Record<string, unknown>, callback: (response: Record<string, unknown>) => void) => void;

/** Chromium's error codes for the verdicts the fake produces. */
const errorCodes: Record<string, number> = {
  'net::OK': 0,
  'net::ERR_CERT_AUTHORITY_INVALID': -202,
  'net::ERR_CERT_COMMON_NAME_INVALID': -200,
  'net::ERR_CERT_DATE_INVALID': -201,
  'net::ERR_FAILED': -2,
};
const verdictCacheLimit = 256;
const verdictCacheMs = 30 * 60 * 1000;

function proxyEntries(pac: string): { kind: string; address: string }[] {
  const entries = pac
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [kind = '', address = ''] = entry.split(/\s+/);
      return { kind: kind.toUpperCase(), address };
    });
  return entries.length > 0 ? entries : [{ kind: 'DIRECT', address: '' }];
}

export class FakeSession extends EventEmitter {
  /** Sessions made by `session.fromPartition`, by partition, in the order made. */
  static partitions = new Map<string, FakeSession>();

  requestHandler: Listener | null = null;
  checkHandler: Listener | null = null;
  verifyProc: VerifyProc | null = null;
  verifyProcInstalls = 0;
  /** Every question the verify proc was asked, with its answer. */
  verifyCalls: { hostname: string; verificationResult: string; answer: number }[] = [];
  /** The network service's cache of verdicts: host and certificate → verdict. */
  verdictCache = new Map<string, { verdict: string; at: number }>();
  cookieJar = new Map<string, Map<string, string>>();
  httpCache = new Map<string, number>();
  /** Proxy sign-ins Chromium holds for this session ("host:port" → credentials). */
  authCache = new Map<string, { username: string; password: string }>();
  closeAllConnections = vi.fn(() => Promise.resolve());
  resolveProxy = vi.fn((url: string) => Promise.resolve(internet.pac(url)));
  fetch = vi.fn((input: string | Request, init?: RequestInit) => this.load(input, init));
  webRequest = {
    beforeSendHeaders: null as WebRequestListener | null,
    headersReceived: null as WebRequestListener | null,
    onBeforeSendHeaders: (listener: WebRequestListener | null) => void (this.webRequest.beforeSendHeaders = listener),
    onHeadersReceived: (listener: WebRequestListener | null) => void (this.webRequest.headersReceived = listener),
  };

  constructor(
    public readonly partition: string,
    public readonly options: { cache?: boolean } = {},
  ) {
    super();
  }

  setPermissionRequestHandler(handler: Listener | null) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener | null) {
    this.checkHandler = handler;
  }
  setCertificateVerifyProc(proc: VerifyProc | null) {
    this.verifyProc = proc; // the cached verdicts stay, as in the network service
    this.verifyProcInstalls += 1;
  }

  private async load(input: string | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
    const url = new URL(request.url);
    // net-fetch.ts: "same-origin" without an origin header becomes "include".
    const credentials = request.credentials === 'same-origin' ? 'include' : request.credentials;
    const route = this.route(url);
    if (typeof route === 'string') throw new Error(route);
    if (route.proxy) {
      const refusal = this.throughProxy(url, route.proxy, route.address);
      if (refusal) return refusal;
    }
    const server = internet.servers.get(url.origin);
    if (!server) throw new Error('net::ERR_NAME_NOT_RESOLVED');
    if (url.protocol === 'https:') {
      const verdict = await this.verify(url.hostname, server);
      if (verdict !== 'net::OK') throw new Error(verdict);
    }
    if (server.failWith) throw new Error(server.failWith);

    const headers = new Headers(request.headers);
    headers.delete('cookie');
    const jar = this.cookieJar.get(url.origin);
    if (credentials === 'include' && jar && jar.size > 0) {
      headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const sent = await this.applyWebRequest('beforeSendHeaders', { url: url.href, method: request.method, requestHeaders: headers });
    const outgoing = new Headers((sent.requestHeaders as Record<string, string> | Headers | undefined) ?? headers);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    internet.arrivals.push({
      url: url.href,
      method: request.method,
      cookie: outgoing.get('cookie'),
      partition: this.partition,
      via: route.address ? `${route.kind} ${route.address}` : 'DIRECT',
    });
    const reply = await server.handle(new Request(url, { method: request.method, headers: outgoing, body }));

    const responseHeaders: Record<string, string[]> = {};
    reply.headers.forEach((value, name) => {
      if (name !== 'set-cookie') responseHeaders[name] = [value];
    });
    if (reply.headers.getSetCookie().length > 0) responseHeaders['set-cookie'] = reply.headers.getSetCookie();
    const received = await this.applyWebRequest('headersReceived', {
      url: url.href,
      method: request.method,
      statusCode: reply.status,
      responseHeaders,
    });
    const finalHeaders = (received.responseHeaders as Record<string, string[]> | undefined) ?? responseHeaders;
    const setCookies = Object.entries(finalHeaders).find(([name]) => name.toLowerCase() === 'set-cookie')?.[1] ?? [];
    if (credentials === 'include') {
      for (const cookie of setCookies) {
        const [pair = ''] = cookie.split(';');
        const [name = '', value = ''] = pair.split('=');
        const stored = this.cookieJar.get(url.origin) ?? new Map<string, string>();
        stored.set(name.trim(), value.trim());
        this.cookieJar.set(url.origin, stored);
      }
    }
    const cacheable = this.options.cache !== false && request.cache !== 'no-store' && request.method === 'GET' && reply.ok;
    if (cacheable && !/no-store/i.test(reply.headers.get('cache-control') ?? '')) this.httpCache.set(url.href, Date.now());
    const headersOut = new Headers();
    for (const [name, values] of Object.entries(finalHeaders))
      if (name.toLowerCase() !== 'set-cookie') headersOut.set(name, values.join(', '));
    const bodyless = request.method === 'HEAD' || [101, 204, 205, 304].includes(reply.status);
    return new Response(bodyless ? null : reply.body, { status: reply.status, statusText: reply.statusText, headers: headersOut });
  }

  /** The proxy list Chromium tries, in order: a proxy that is down gives way to the next entry. */
  private route(url: URL): { kind: string; address: string; proxy: FakeProxy | null } | string {
    for (const { kind, address } of proxyEntries(internet.pac(url.href))) {
      if (kind === 'DIRECT') return { kind, address: '', proxy: null };
      const proxy = internet.proxies.get(address);
      if (proxy && !proxy.down) return { kind, address, proxy };
    }
    return 'net::ERR_PROXY_CONNECTION_FAILED';
  }

  /** A reply of the proxy itself (plain http), or null when the request may go on; throws for a failed tunnel. */
  private throughProxy(url: URL, proxy: FakeProxy, address: string): Response | null {
    const tunnel = url.protocol === 'https:';
    if (proxy.refuses) {
      if (tunnel) throw new Error('net::ERR_TUNNEL_CONNECTION_FAILED');
      return new Response('Forbidden by the proxy', { status: 403 });
    }
    const wanted = proxy.credentials;
    const given = this.authCache.get(address);
    if (wanted && (given?.username !== wanted.username || given?.password !== wanted.password)) {
      // No `login` listener on fetch's ClientRequest: the sign-in is cancelled.
      if (tunnel) throw new Error('net::ERR_TUNNEL_CONNECTION_FAILED');
      return new Response('Proxy sign-in required', { status: 407, headers: { 'Proxy-Authenticate': 'Basic realm="Corp"' } });
    }
    return null;
  }

  private async verify(hostname: string, server: FakeServer): Promise<string> {
    const chromiumVerdict = server.verdict ?? 'net::OK';
    const key = `${hostname}\n${server.certificate ?? ''}`;
    const cached = this.verdictCache.get(key);
    if (cached && Date.now() - cached.at < verdictCacheMs) return cached.verdict;
    let verdict = chromiumVerdict;
    if (this.verifyProc) {
      const proc = this.verifyProc;
      const answer = await new Promise<number>((resolve) =>
        proc(
          {
            hostname,
            certificate: { data: server.certificate ?? '' },
            verificationResult: chromiumVerdict,
            errorCode: errorCodes[chromiumVerdict] ?? -2,
          },
          resolve,
        ),
      );
      this.verifyCalls.push({ hostname, verificationResult: chromiumVerdict, answer });
      verdict = answer === 0 ? 'net::OK' : answer === -3 ? chromiumVerdict : 'net::ERR_FAILED';
    }
    if (this.verdictCache.size >= verdictCacheLimit) this.verdictCache.delete(this.verdictCache.keys().next().value!);
    this.verdictCache.set(key, { verdict, at: Date.now() });
    return verdict;
  }

  private applyWebRequest(
    kind: 'beforeSendHeaders' | 'headersReceived',
    details: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const listener = this.webRequest[kind];
    if (!listener) return Promise.resolve({});
    return new Promise((resolve) => listener(details, resolve));
  }
}

/** A net.request: records its options; a test plays the network (login, response, redirect, error). */
export class FakeClientRequest extends EventEmitter {
  ended = false;
  aborted = false;
  constructor(public options: Record<string, unknown>) {
    super();
  }
  end() {
    this.ended = true;
  }
  abort() {
    this.aborted = true;
    this.emit('abort');
  }
  /**
   * The proxy asks for a sign-in: `login` is emitted, and credentials given to its callback go
   * into the session's auth cache, as Chromium keeps a sign-in the proxy accepted.
   */
  challenge(authInfo: { isProxy: boolean; host: string; port: number; realm: string; scheme: string }): Promise<string[]> {
    return new Promise((resolve) => {
      const handled = this.emit('login', authInfo, (...args: string[]) => {
        const [username, password] = args;
        const session = this.options.session as FakeSession | undefined;
        if (authInfo.isProxy && username !== undefined && password !== undefined) {
          session?.authCache.set(`${authInfo.host}:${authInfo.port}`, { username, password });
        }
        resolve(args);
      });
      if (!handled) resolve([]); // net-client-request.ts: no listener cancels the sign-in
    });
  }
  /** A redirect with `redirect: 'manual'`: not followed, the request dies (net-client-request.ts). */
  redirect(statusCode: number, newUrl: string) {
    let followed = false;
    (this as unknown as { followRedirect: () => void }).followRedirect = () => (followed = true);
    this.emit('redirect', statusCode, 'HEAD', newUrl, {});
    if (!followed && !this.aborted) this.emit('error', new Error('Redirect was cancelled'));
  }
}

const defaultSession = new FakeSession('');

export const session = {
  defaultSession,
  fromPartition(partition: string, options?: { cache?: boolean }) {
    if (partition === '') return defaultSession;
    const existing = FakeSession.partitions.get(partition);
    if (existing) return existing;
    const made = new FakeSession(partition, options);
    FakeSession.partitions.set(partition, made);
    return made;
  },
  /** Test helper: the sessions the shell made, in order. */
  made(prefix = ''): FakeSession[] {
    return [...FakeSession.partitions.values()].filter((made) => made.partition.startsWith(prefix));
  },
  /** Test helper: forget the sessions made and what the default session learned. */
  reset() {
    FakeSession.partitions.clear();
    defaultSession.verifyProc = null;
    defaultSession.verifyProcInstalls = 0;
    defaultSession.verdictCache.clear();
    defaultSession.cookieJar.clear();
    defaultSession.httpCache.clear();
    defaultSession.authCache.clear();
    defaultSession.requestHandler = null;
    defaultSession.checkHandler = null;
  },
};

export const net = {
  online: true,
  isOnline() {
    return this.online;
  },
  /** The default session's fetch. */
  fetch: vi.fn((input: string | Request, init?: RequestInit) => defaultSession.fetch(input, init)),
  requests: [] as FakeClientRequest[],
  request(options: Record<string, unknown>) {
    const request = new FakeClientRequest(options);
    this.requests.push(request);
    return request;
  },
};
