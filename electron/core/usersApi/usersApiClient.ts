import { sleep, type Clock } from '../clock';
import { ApiFailure } from './apiFailure';
import { networkFailure } from './networkFailure';
import { Deadline } from './deadline';
import { parseErrorReply } from './parseErrorReply';
import type { RateWindows } from './rateWindows';
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from './retryPolicy';

export interface Credentials {
  userId: string;
  token: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  /** Path below the server's base URL, e.g. `/api/v1/me`. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** A file sent as multipart/form-data instead of a JSON body. */
  multipart?: { field: string; fileName: string; contentType: string; bytes: Buffer };
  auth?: Credentials;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /**
   * Whether failures worth retrying are retried (retryPolicy.ts). Defaults to true for
   * GET and false for POST: a POST that timed out may have been applied already.
   */
  retry?: boolean;
  /** Overrides the client's policy, e.g. a background sync that may wait out a 429. */
  retryPolicy?: Partial<RetryPolicy>;
  /** Replies longer than this are cut off and refused (default defaultMaxReplyBytes). */
  maxBytes?: number;
}

export interface BinaryReply {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

export interface UsersApiClientOptions {
  baseUrl: string;
  /** What the person calls this server, for the sentences of failures; its host when absent. */
  name?: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  /** The jitter of the waits between tries (retryPolicy.ts); the waits themselves are the clock's. */
  random?: () => number;
  /** Aborted when the core closes: waiting retries stop at once. */
  signal?: AbortSignal;
  /** Told of each request's outcome, for the connectivity tracker. */
  onOutcome?: (reachable: boolean) => void;
  /** Told when the server answers 401 to a request made with these credentials: that session has ended. */
  onSessionRefused?: (auth: Credentials) => void;
  /** Learns each signed-in reply's rate-limit headers, so a limited change is known closed before it is asked for. */
  rateWindows?: RateWindows;
}

/** How the core bounds every request to its servers: the per-try timeout, the waits between tries, and the signal its close aborts. */
export type RequestLimits = Pick<UsersApiClientOptions, 'timeoutMs' | 'retryPolicy'> & { signal: AbortSignal };

export const defaultTimeoutMs = 15_000;
/** No users API reply comes near this; a longer one is broken or hostile and is not read. */
export const defaultMaxReplyBytes = 16 * 1024 * 1024;

/** Bad gateway, service unavailable, gateway timeout: the service itself is not reachable. */
const gatewayDown = new Set([502, 503, 504]);

/**
 * The one door to a users API server: base URL, X-User-Id / X-Auth-Token, a timeout
 * on every try, retries with backoff where they are safe, and every failure turned into
 * an ApiFailure with a contract code. JSON replies are returned as unknown: callers
 * validate what they use.
 */
export class UsersApiClient {
  constructor(private readonly options: UsersApiClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async request(request: RequestOptions): Promise<unknown> {
    return this.withRetries(request, async () => {
      const reply = await this.send(request, 'application/json');
      const text = reply.bytes.toString('utf8');
      const body = parseJson(text);
      const method = methodOf(request);
      if (reply.status >= 200 && reply.status < 300) {
        // Logout may answer 200 with an empty body (docs/protocol.md section 2): the status is what counts.
        if (text.trim() === '' && method === 'POST') return {};
        if (body === undefined || (isRecord(body) && body.success === false)) {
          throw new ApiFailure('server-error', 'The server sent a reply the app cannot read.', { status: reply.status });
        }
        return body;
      }
      if (body === undefined && reply.status < 500 && reply.status !== 429 && text.trim() !== '') {
        throw new ApiFailure('server-error', `The server sent an unreadable error reply (HTTP ${reply.status}).`, { status: reply.status });
      }
      const failure = parseErrorReply(reply.status, body, reply.headers, this.options.clock.now());
      if (
        failure.code === 'rate-limited' &&
        request.auth &&
        failure.details.retryAfter !== undefined &&
        !reply.headers.has('x-ratelimit-reset')
      )
        this.options.rateWindows?.hold(
          this.options.baseUrl,
          request.auth.userId,
          request.path,
          failure.details.retryAfter,
          this.options.clock.now(),
        );
      throw failure;
    });
  }

  /** Bytes of a non-JSON resource (avatars). 2xx and 304 are answers; anything else fails. */
  async fetchBinary(request: RequestOptions): Promise<BinaryReply> {
    return this.withRetries(request, async () => {
      const reply = await this.send(request, '*/*');
      if ((reply.status >= 200 && reply.status < 300) || reply.status === 304) return reply;
      throw parseErrorReply(reply.status, parseJson(reply.bytes.toString('utf8')), reply.headers, this.options.clock.now());
    });
  }

  private async withRetries<T>(request: RequestOptions, attempt: () => Promise<T>): Promise<T> {
    const policy = { ...defaultRetryPolicy, ...this.options.retryPolicy, ...request.retryPolicy };
    const retry = request.retry ?? methodOf(request) === 'GET';
    for (let tryNumber = 1; ; tryNumber++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ApiFailure) || !retry) throw error;
        const waitMs = retryDelayMs(error, tryNumber, policy, this.options.random);
        if (waitMs === null || this.options.signal?.aborted) throw error;
        // Cut short by close(): the signal is checked right after and the last failure stands.
        await sleep(this.options.clock, waitMs, this.options.signal);
        if (this.options.signal?.aborted) throw error;
      }
    }
  }

  private async send(request: RequestOptions, accept: string): Promise<BinaryReply> {
    const url = new URL(this.options.baseUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const headers: Record<string, string> = { Accept: accept, ...request.headers };
    if (request.auth) {
      headers['X-User-Id'] = request.auth.userId;
      headers['X-Auth-Token'] = request.auth.token;
    }
    let body: string | FormData | undefined;
    if (request.multipart) {
      // fetch writes the multipart boundary into Content-Type itself.
      body = new FormData();
      const file = request.multipart;
      body.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.fileName);
    } else if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body);
    }

    // The deadline covers the whole request, body included, and is kept by our own timer:
    // Node 20's fetch holds an AbortSignal.timeout() only weakly when redirects are refused,
    // so after a garbage collection a dripping server could hold the request for ever.
    const deadline = new Deadline(this.options.clock, request.timeoutMs ?? this.options.timeoutMs ?? defaultTimeoutMs, this.options.signal);
    let reply: BinaryReply;
    try {
      const response = await this.options.fetch(url, {
        method: methodOf(request),
        headers,
        body,
        signal: deadline.signal,
        redirect: 'error',
      });
      reply = {
        status: response.status,
        headers: response.headers,
        bytes: await deadline.race(readLimited(response, request.maxBytes ?? defaultMaxReplyBytes)),
      };
    } catch (error) {
      if (error instanceof ApiFailure) throw error;
      this.options.onOutcome?.(false);
      throw networkFailure(error, this.options.name ?? new URL(this.options.baseUrl).host, deadline.expired);
    } finally {
      deadline.clear();
    }
    // A reply means the server is there, unless a gateway says the service behind it is not.
    this.options.onOutcome?.(!gatewayDown.has(reply.status));
    // One place learns of every ended session, whichever call met it first.
    if (reply.status === 401 && request.auth) this.options.onSessionRefused?.(request.auth);
    if (request.auth)
      this.options.rateWindows?.note(this.options.baseUrl, request.auth.userId, request.path, reply, this.options.clock.now());
    return reply;
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  const tooLong = () =>
    new ApiFailure('server-error', 'The server sent a reply far larger than expected; it was not read.', { status: response.status });
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLong();
  }
  const chunks: Buffer[] = [];
  let length = 0;
  if (!response.body) return Buffer.alloc(0);
  for await (const chunk of response.body) {
    length += chunk.byteLength;
    if (length > maxBytes) throw tooLong(); // leaving the loop cancels the stream
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks, length);
}

function methodOf(request: RequestOptions): 'GET' | 'POST' {
  return request.method ?? (request.body === undefined && request.multipart === undefined ? 'GET' : 'POST');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON (a proxy's error page, say): the status alone explains the reply
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
