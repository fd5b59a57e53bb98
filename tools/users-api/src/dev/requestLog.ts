// GET /_dev/requests: what the server answered, so client tests can assert
// things like "no 429 happened" or "no request failed a validator". /_dev calls
// themselves are not logged.

export interface LoggedRequest {
  /** Numbers every request this server answered, from 1; never reused (a reset keeps counting). */
  seq: number;
  method: string;
  path: string;
  /** 0 when the connection was dropped by a `reset` fault. */
  status: number;
  at: string;
  /** A POST's JSON body, secrets replaced by "[redacted]". */
  body?: unknown;
  /** The `sort` a list asked for (how a client reads a directory). */
  sort?: string;
  /** The x-2fa-method of a request that carried both second-factor headers (the code itself is never kept). */
  secondFactor?: string;
  /** Set when one of Rocket.Chat's validators refused the request; `messages` are its errors. */
  rejectedBy?: 'validator';
  messages?: string[];
}

const MAX_ENTRIES = 10_000;

export class RequestLog {
  entries: LoggedRequest[] = [];
  private lastSeq = 0;

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.entries.push({ seq: ++this.lastSeq, ...entry });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  clear(): void {
    this.entries = [];
  }
}
