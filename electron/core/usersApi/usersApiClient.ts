import type { Clock } from '../clock';
import { ApiFailure } from './apiFailure';
import { networkFailure } from './networkFailure';
import { parseErrorReply } from './parseErrorReply';

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
  auth?: Credentials;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface UsersApiClientOptions {
  baseUrl: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs?: number;
  /** Told of each request's outcome, for the connectivity tracker. */
  onOutcome?: (reachable: boolean) => void;
}

export const defaultTimeoutMs = 15_000;

/**
 * The one door to a users API server: base URL, X-User-Id / X-Auth-Token, a timeout
 * on every request, and every failure turned into an ApiFailure with a contract code.
 * The reply body is returned as unknown: callers validate what they use.
 */
export class UsersApiClient {
  constructor(private readonly options: UsersApiClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async request(request: RequestOptions): Promise<unknown> {
    const url = new URL(this.options.baseUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (request.auth) {
      headers['X-User-Id'] = request.auth.userId;
      headers['X-Auth-Token'] = request.auth.token;
    }
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';

    const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
    const timeout = AbortSignal.timeout(request.timeoutMs ?? this.options.timeoutMs ?? defaultTimeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: timeout,
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      this.options.onOutcome?.(false);
      throw networkFailure(error, new URL(this.options.baseUrl).host, timeout.aborted);
    }
    this.options.onOutcome?.(response.status < 500);

    const body = parseJson(text);
    if (response.ok) {
      // Logout may answer 200 with an empty body (PROTOCOL.md section 2): the status is what counts.
      if (text.trim() === '' && method === 'POST') return {};
      if (body === undefined || (typeof body === 'object' && body !== null && (body as { success?: unknown }).success === false)) {
        throw new ApiFailure('server-error', 'The server sent a reply the app cannot read.', { status: response.status });
      }
      return body;
    }
    if (body === undefined && response.status < 500 && response.status !== 429 && text.trim() !== '') {
      throw new ApiFailure('server-error', `The server sent an unreadable error reply (HTTP ${response.status}).`, { status: response.status });
    }
    throw parseErrorReply(response.status, body, response.headers, this.options.clock.now());
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
