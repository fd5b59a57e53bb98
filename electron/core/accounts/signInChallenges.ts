import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/errors';
import type { Clock } from '../clock';

export interface PendingSignIn {
  id: string;
  serverId: string;
  user: string;
  /** SHA-256 of the password (never the password itself), kept only until the challenge ends. */
  passwordDigest: string;
  sessionOnly: boolean;
  createdAt: number;
}

/** A sign-in waiting for its second factor expires like an emailed code would. */
const lifetimeMs = 10 * 60_000;

/**
 * Sign-ins that the server answered with a 2FA challenge. The server wants the same
 * login body again with the code (docs/protocol.md §1), so the password's digest stays
 * here, in memory, for the few minutes the challenge lives — and the renderer only
 * ever holds the challenge id.
 */
export class SignInChallenges {
  private readonly pending = new Map<string, PendingSignIn>();

  constructor(private readonly clock: Clock) {}

  open(sign: Omit<PendingSignIn, 'id' | 'createdAt'>): PendingSignIn {
    this.sweep();
    const entry = { ...sign, id: randomUUID(), createdAt: this.clock.now() };
    this.pending.set(entry.id, entry);
    return entry;
  }

  get(id: string): PendingSignIn {
    this.sweep();
    const entry = this.pending.get(id);
    if (!entry) {
      throw new AppFailure('validation', 'This sign-in has expired. Please start again.');
    }
    return entry;
  }

  close(id: string): void {
    this.pending.delete(id);
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.pending) {
      if (now - entry.createdAt > lifetimeMs) this.pending.delete(id);
    }
  }
}
