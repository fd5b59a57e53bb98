// One clock for everything time-based (TOTP steps, email-code expiry, rate-limit
// windows, token expiry) so tests can move time with `/_dev/clock` instead of sleeping.
export class Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }
}
