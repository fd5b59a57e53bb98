// Test helpers: start an in-process server on port 0 and talk to it over real HTTP.
// TOTP codes come from otpauth, independent of the server's own implementation.
import { createHash } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { startUsersApi } from '../src/index';
import type { UsersApi, UsersApiOptions } from '../src/index';

export const ROXIE_SECRET = 'JBSWY3DPEHPK3PXP';
export const DEMO = {
  demouser: { id: 'gzvcvpov9G4TxbGFS', username: 'demouser', password: 'demo-pass-1', email: 'demouser@example.com' },
  john: { id: '5fRTXMt7DMJbpPJfh', username: 'test.john', password: 'john-pass-1', email: 'test.john@test.com' },
  roxie: { id: 'rbAXPnMktTFbNpwtJ', username: 'roxie', password: 'roxie-pass-1', email: 'funke@test.com' },
} as const;

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function totpCode(secret: string = ROXIE_SECRET, timestamp: number = Date.now()): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp });
}

export interface Session {
  userId: string;
  authToken: string;
}

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  // Test code inspects arbitrary JSON replies.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  body?: unknown;
  auth?: Session;
  headers?: Record<string, string>;
  form?: FormData;
  rawBody?: string;
  redirect?: 'manual' | 'follow';
}

export class Client {
  constructor(readonly api: UsersApi) {}

  get url(): string {
    return this.api.url;
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<Res> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth) {
      headers['X-User-Id'] = options.auth.userId;
      headers['X-Auth-Token'] = options.auth.authToken;
    }
    let body: string | FormData | undefined;
    if (options.form) body = options.form;
    else if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(`${this.url}${path}`, { method, headers, body, redirect: options.redirect ?? 'manual' });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  get(path: string, auth?: Session, headers?: Record<string, string>): Promise<Res> {
    return this.call('GET', path, { ...(auth && { auth }), ...(headers && { headers }) });
  }

  post(path: string, body: unknown, auth?: Session, headers?: Record<string, string>): Promise<Res> {
    return this.call('POST', path, { body, ...(auth && { auth }), ...(headers && { headers }) });
  }

  async login(user: string, password: string, code?: string): Promise<Session> {
    const res = await this.post('/api/v1/login', { user, password, ...(code && { code }) });
    if (res.status !== 200) throw new Error(`login ${user} failed: ${res.status} ${res.text}`);
    return { userId: res.json.data.userId, authToken: res.json.data.authToken };
  }

  loginDemo(): Promise<Session> {
    return this.login(DEMO.demouser.username, DEMO.demouser.password);
  }

  loginRoxie(): Promise<Session> {
    return this.login(DEMO.roxie.username, DEMO.roxie.password, totpCode());
  }

  /** test.john has email 2FA: the code comes from /_dev/mailbox (needs dev: true). */
  async loginJohn(): Promise<Session> {
    const first = await this.post('/api/v1/login', { user: DEMO.john.username, password: DEMO.john.password });
    if (first.json?.error !== 'totp-required') throw new Error(`expected an email challenge, got ${first.text}`);
    return this.login(DEMO.john.username, DEMO.john.password, await this.lastCode(DEMO.john.email));
  }

  async mailbox(to: string): Promise<{ to: string; subject: string; text: string; code?: string; token?: string; sentAt: string }[]> {
    const res = await this.get(`/_dev/mailbox?to=${encodeURIComponent(to)}`);
    return res.json.messages;
  }

  async lastCode(to: string): Promise<string> {
    const withCode = (await this.mailbox(to)).filter((m) => m.code !== undefined);
    const last = withCode[withCode.length - 1];
    if (!last?.code) throw new Error(`no code mailed to ${to}`);
    return last.code;
  }

  async settings(patch: Record<string, unknown>): Promise<void> {
    const res = await this.post('/_dev/settings', patch);
    if (res.status !== 200) throw new Error(`settings patch failed: ${res.text}`);
  }

  close(): Promise<void> {
    return this.api.close();
  }
}

/** Tests default to no rate limits, dev routes on, and cheap bcrypt; each test opts back in. */
export async function start(options: UsersApiOptions = {}): Promise<Client> {
  return new Client(await startUsersApi({ dev: true, rateLimit: false, updateRateLimit: false, bcryptRounds: 4, ...options }));
}
