// GET /_dev/requests: what the server answered, so client tests can assert
// things like "no 429 happened". /_dev calls themselves are not logged.

export interface LoggedRequest {
  method: string;
  path: string;
  /** 0 when the connection was dropped by a `reset` fault. */
  status: number;
  at: string;
  /** A POST's JSON body, secrets replaced by "[redacted]". */
  body?: unknown;
}

const MAX_ENTRIES = 10_000;

export class RequestLog {
  entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  clear(): void {
    this.entries = [];
  }
}
