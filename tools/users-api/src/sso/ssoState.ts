// Single sign-on state: what Rocket.Chat keeps between the browser leg and the login call
// (CredentialTokens for CAS and SAML, Meteor's OAuth pending credentials), plus the demo
// identity provider's one-time codes and tickets. docs/sign-in.md.
import type { Clock } from '../clock';

const MINUTE_MS = 60_000;

/** CredentialTokens.create: valid for 60 seconds, and not deleted when used. */
const CREDENTIAL_TOKEN_MS = MINUTE_MS;
/** Meteor removes pending OAuth credentials older than 5 minutes. */
const PENDING_CREDENTIAL_MS = 5 * MINUTE_MS;
/** Rocket.Chat moves a read credential's createdAt 2 minutes ahead so a 2FA retry can reuse it. */
const REUSE_EXTENSION_MS = 2 * MINUTE_MS;

export interface OAuthIdentity {
  serviceName: string;
  serviceData: { id: string; username?: string; email?: string; name?: string };
}

interface PendingCredential {
  credential: OAuthIdentity;
  secret: string;
  createdAt: number;
}

export interface IdpGrant {
  service: string;
  userId: string;
  /** Where the grant may be redeemed: the OAuth redirect_uri or the CAS service URL. */
  audience: string;
}

export class SsoState {
  private readonly credentialTokens = new Map<string, { userInfo: Record<string, unknown>; expireAt: number }>();
  private readonly pending = new Map<string, PendingCredential>();
  private readonly grants = new Map<string, IdpGrant>();
  private readonly usedAssertions = new Set<string>();

  constructor(private readonly clock: Clock) {}

  storeCredentialToken(id: string, userInfo: Record<string, unknown>): void {
    this.credentialTokens.set(id, { userInfo, expireAt: this.clock.now() + CREDENTIAL_TOKEN_MS });
  }

  /** CredentialTokens.findOneNotExpiredById. */
  credentialToken(id: string): Record<string, unknown> | undefined {
    const entry = this.credentialTokens.get(id);
    return entry && entry.expireAt > this.clock.now() ? entry.userInfo : undefined;
  }

  storePendingCredential(key: string, credential: OAuthIdentity, secret: string): void {
    this.pending.set(key, { credential, secret, createdAt: this.clock.now() });
  }

  /** Rocket.Chat's OAuth._retrievePendingCredential: key and secret must both match. */
  retrievePendingCredential(key: string, secret: string | undefined): OAuthIdentity | undefined {
    const entry = this.pending.get(key);
    if (!entry || entry.secret !== secret || entry.createdAt + PENDING_CREDENTIAL_MS <= this.clock.now()) return undefined;
    entry.createdAt = this.clock.now() + REUSE_EXTENSION_MS;
    return entry.credential;
  }

  /** A one-time OAuth code or CAS ticket issued by the demo identity provider. */
  issueGrant(id: string, grant: IdpGrant): void {
    this.grants.set(id, grant);
  }

  /** Redeems a code or ticket once, and only where it was meant to go. */
  redeemGrant(id: string, audience: string): IdpGrant | undefined {
    const grant = this.grants.get(id);
    this.grants.delete(id);
    return grant && grant.audience === audience ? grant : undefined;
  }

  /** SamlUsedAssertions.markUsed: false when the assertion was seen before. */
  markAssertionUsed(assertionId: string): boolean {
    if (this.usedAssertions.has(assertionId)) return false;
    this.usedAssertions.add(assertionId);
    return true;
  }
}
