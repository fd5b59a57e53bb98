import type { Clock } from '../clock';
import { checkUsernameAvailability } from '../usersApi/profileEditApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';

/** Long enough to cover typing → Save → send; short enough that a name taken meanwhile is asked again. */
export const availabilityFreshMs = 60_000;

/**
 * The server's answer to "is this username free?", asked once per typed value: the
 * window asks while the person types, the edit and the send reuse that answer while it
 * is fresh. (Every ask is a request against a rate-limited server; "taken" otherwise
 * only comes back as the vague error-could-not-save-identity, so the send must know.)
 */
export class UsernameAvailability {
  private readonly answers = new Map<string, { free: boolean; at: number }>();

  constructor(private readonly clock: Clock) {}

  /** True when free (or already the caller's); throws the client's ApiFailure when it cannot be asked. */
  async isFree(accountId: string, client: UsersApiClient, credentials: Credentials, username: string): Promise<boolean> {
    const key = `${accountId}\n${username.toLowerCase()}`;
    const now = this.clock.now();
    const known = this.answers.get(key);
    if (known && now - known.at < availabilityFreshMs) return known.free;
    const free = await checkUsernameAvailability(client, credentials, username);
    this.forgetStale(now);
    this.answers.set(key, { free, at: now });
    return free;
  }

  /** A name this account now holds (or failed to take) is asked afresh next time. */
  forget(accountId: string, username: string): void {
    this.answers.delete(`${accountId}\n${username.toLowerCase()}`);
  }

  private forgetStale(now: number): void {
    for (const [key, answer] of this.answers) if (now - answer.at >= availabilityFreshMs) this.answers.delete(key);
  }
}
