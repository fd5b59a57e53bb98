import type { SignInKind } from '../../../shared/accountSchemas';
import { AppFailure, type TwoFactorChallenge } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { CodePlacement } from '../usersApi/signInApi';
import { nodeCrypto } from '../nodeBuiltins';

export interface PendingSignIn {
  id: string;
  serverId: string;
  /** Who is signing in, as typed (or as the server named them): where an emailed code goes. */
  user: string;
  /**
   * The first login request, sent again with the code. For a local password it holds the
   * SHA-256 digest, never the password; an LDAP or Crowd password is checked by the
   * directory itself and so stays as typed — in memory only, for the challenge's minutes.
   */
  body: Record<string, unknown>;
  codePlacement: CodePlacement;
  /** What the server asked for: a code of that method's shape is checked before it is sent. */
  method: TwoFactorChallenge['method'];
  signInKind: SignInKind;
  sessionOnly: boolean;
  createdAt: number;
}

/** A sign-in waiting for its second factor expires like an emailed code would. */
const lifetimeMs = 10 * 60_000;

/**
 * Sign-ins that the server answered with a 2FA challenge. The server wants the same
 * login body again with the code (docs/protocol.md §1, docs/sign-in.md §3), so that body
 * stays here, in memory, for the few minutes the challenge lives — and the renderer only
 * ever holds the challenge id.
 */
export class SignInChallenges {
  private readonly pending = new Map<string, PendingSignIn>();

  constructor(private readonly clock: Clock) {}

  open(sign: Omit<PendingSignIn, 'id' | 'createdAt'>): PendingSignIn {
    this.sweep();
    const entry = { ...sign, id: nodeCrypto().randomUUID(), createdAt: this.clock.now() };
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
