// The reference server's /_dev routes (their shapes: tools/users-api/README.md), named for what
// a test means by them: "the server cannot be reached", "someone else changed the bio", "a
// minute passed on the server". Tests say what happens to the server; this file says how.

/** Which requests a fault meets. */
export interface FaultScope {
  /** The path it applies to (`/api/v1/me`); every path when left out. */
  route?: string;
  /** How many requests meet it, one after another; every one until `restore()` when left out. */
  times?: number;
}

/** One request as the server's log keeps it (`tools/users-api/src/dev/requestLog.ts`). */
export interface ServedRequest {
  /** Numbers every request the server answered, from 1; never reused. */
  seq: number;
  method: string;
  path: string;
  /** 0 when the connection was dropped. */
  status: number;
  /** A POST's JSON body, secrets replaced by "[redacted]". */
  body?: Record<string, unknown>;
  /** The `sort` a list asked for. */
  sort?: string;
  rejectedBy?: 'validator';
  messages?: string[];
  /** The x-2fa-method of a request that carried a second factor (the code is never logged). */
  secondFactor?: 'totp' | 'email' | 'password';
}

/** A mail the server "sent" (it never leaves the process). */
export interface MailedMessage {
  to: string;
  subject: string;
  text: string;
  code?: string;
  token?: string;
}

export interface UsersApiControls {
  /** Drops the connection of every request in scope, unanswered: to a client, the server cannot be reached. */
  dropConnections(scope?: FaultScope): Promise<void>;
  /** Answers every request in scope with this HTTP status (and the body Rocket.Chat sends with it). */
  failWith(status: number, scope?: FaultScope): Promise<void>;
  /** Holds every request in scope this long before answering it as usual. */
  delay(ms: number, scope?: FaultScope): Promise<void>;
  /** Answers every request in scope with a body that is cut off mid-JSON. */
  malformedReplies(scope?: FaultScope): Promise<void>;
  /** Takes every fault away: the server answers as it should again. */
  restore(): Promise<void>;

  /** Turns workspace settings on or off (the ids of Rocket.Chat's settings). */
  changeSettings(values: Record<string, unknown>): Promise<void>;
  /** Moves the server's clock on (rate-limit windows, code lifetimes). */
  advanceClock(ms: number): Promise<void>;
  /** Back to the seed: users, settings, mail, faults and the request log. */
  reset(): Promise<void>;

  /** A user's document as the server stores it (no secrets). */
  user(userId: string): Promise<Record<string, unknown>>;
  /** Changes a user on the server directly, as another device or an admin would. */
  changeUser(userId: string, fields: Record<string, unknown>): Promise<void>;
  /** A fresh login token for a user, made without signing in. */
  issueToken(userId: string): Promise<{ userId: string; authToken: string }>;
  /** A personal access token for a user (without the step that asks for a second factor). */
  personalAccessToken(userId: string, name: string): Promise<string>;
  /** Ends every session of a user on the server. */
  revokeTokens(userId: string): Promise<void>;

  /** Every request the server answered since it started (or since `forgetRequests()`), oldest first. */
  requests(): Promise<ServedRequest[]>;
  /** Empties the request log, so a test counts only what comes next. */
  forgetRequests(): Promise<void>;
  /** Every mail sent to an address, oldest first. */
  mailbox(to: string): Promise<MailedMessage[]>;
  /** The newest 2FA code mailed to an address, as digits. */
  latestEmailCode(to: string): Promise<string>;
  /** Empties every mailbox, so a test reads only what is sent next. */
  emptyMailbox(): Promise<void>;

  /** Any other dev route, as JSON; the methods above are for what tests usually mean. */
  dev(path: string, init?: RequestInit): Promise<unknown>;
}

/** Calls one dev route and answers its JSON (rejects on a status other than 2xx). */
export type DevRequest = (path: string, init?: RequestInit) => Promise<unknown>;

/** Large enough for "until restore()": a fault's `times` must be a whole number. */
const untilRestored = Number.MAX_SAFE_INTEGER;

/**
 * The controls over `dev`; `beforeForgetting` runs before the request log is emptied, so a
 * caller that reads the log (the validator guard) sees every entry once.
 */
export function devControls(dev: DevRequest, beforeForgetting: () => Promise<void> = async () => undefined): UsersApiControls {
  const post = (path: string, body: unknown) => dev(path, { method: 'POST', body: JSON.stringify(body) });
  const fault = async (kind: Record<string, unknown>, scope: FaultScope = {}) => {
    await post('/_dev/faults', { route: scope.route ?? '*', times: scope.times ?? untilRestored, ...kind });
  };
  const user = (userId: string) => `/_dev/users/${encodeURIComponent(userId)}`;
  const controls: UsersApiControls = {
    dropConnections: (scope) => fault({ reset: true }, scope),
    failWith: (status, scope) => fault({ status }, scope),
    delay: (ms, scope) => fault({ delayMs: ms }, scope),
    malformedReplies: (scope) => fault({ malformedJson: true }, scope),
    async restore() {
      await dev('/_dev/faults', { method: 'DELETE' });
    },
    async changeSettings(values) {
      await post('/_dev/settings', values);
    },
    async advanceClock(ms) {
      await post('/_dev/clock', { advanceMs: ms });
    },
    async reset() {
      await beforeForgetting();
      await post('/_dev/reset', {});
    },
    async user(userId) {
      return ((await dev(user(userId))) as { user: Record<string, unknown> }).user;
    },
    async changeUser(userId, fields) {
      await post(user(userId), fields);
    },
    issueToken: async (userId) => (await post(`${user(userId)}/tokens`, {})) as { userId: string; authToken: string },
    async personalAccessToken(userId, name) {
      return ((await post(`${user(userId)}/tokens`, { type: 'personalAccessToken', name })) as { authToken: string }).authToken;
    },
    async revokeTokens(userId) {
      await dev(`${user(userId)}/tokens`, { method: 'DELETE' });
    },
    async requests() {
      return ((await dev('/_dev/requests')) as { requests: ServedRequest[] }).requests;
    },
    async forgetRequests() {
      await beforeForgetting();
      await dev('/_dev/requests', { method: 'DELETE' });
    },
    async mailbox(to) {
      return ((await dev(`/_dev/mailbox?to=${encodeURIComponent(to)}`)) as { messages: MailedMessage[] }).messages;
    },
    async latestEmailCode(to) {
      const code = (await controls.mailbox(to)).findLast((message) => message.code)?.code;
      if (!code) throw new Error(`no code mailed to ${to}`);
      return code.replace(/\D/g, '');
    },
    async emptyMailbox() {
      await dev('/_dev/mailbox', { method: 'DELETE' });
    },
    dev,
  };
  return controls;
}

/** The controls of a reference server a test started itself with `dev: true` (plain HTTP). */
export function usersApiControls(url: string): UsersApiControls {
  return devControls(async (path, init) => {
    const response = await fetch(url + path, { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } });
    if (!response.ok) throw new Error(`dev ${path} answered ${response.status}`);
    const text = await response.text();
    return text ? JSON.parse(text) : {};
  });
}
