import type { AccessTokensView } from '../../../shared/accessTokenSchemas';
import { AppFailure } from '../../../shared/errors';
import type { AccountsService } from '../accounts/accountsService';
import { failureWords } from '../log/logFailure';
import { sanitizeUser } from '../profile/sanitizeUser';
import type { WorkspaceRules } from '../profile/workspaceRules';
import { generateAccessToken, listAccessTokens, regenerateAccessToken, removeAccessToken } from '../usersApi/accessTokenApi';
import { ApiFailure } from '../usersApi/apiFailure';
import { fetchCurrentMe } from '../usersApi/profileApi';
import type { TwoFactorHeaders } from '../usersApi/securityApi';
import type { Credentials, UsersApiClient } from '../usersApi/usersApiClient';
import { anotherFactorAsked, gatedHeaders, missingProof, proofRefusal, type Proof } from './proofs';
import { factorsOf, setupMethod, type Method } from './secondFactors';

export interface AccessTokenDeps {
  accounts: AccountsService;
  rules: WorkspaceRules;
  clientForAccount(accountId: string): UsersApiClient;
  isOnline(accountId: string): boolean;
}

/** What the person reads when the workspace keeps personal access tokens from this account. */
export const tokensNotAllowed = 'This workspace does not allow you to use personal access tokens.';

/**
 * Personal access tokens of an account (docs/protocol.md §6 "Personal access tokens"): online
 * only. The writes are routes marked twoFactorRequired, so the first request carries the
 * account's proof; a new token goes back to the window once and is kept nowhere here.
 */
export class AccessTokenService {
  constructor(private readonly deps: AccessTokenDeps) {}

  async view(accountId: string): Promise<AccessTokensView> {
    const closed = (reason: string, notAllowed = false): AccessTokensView => ({
      accountId,
      available: false,
      reason,
      notAllowed,
      method: 'none',
      tokens: [],
    });
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) return closed('You are signed out of this account. Sign in again to manage its access tokens.');
    if (!this.deps.isOnline(accountId)) return closed(this.unreachable(accountId));
    try {
      const client = this.deps.clientForAccount(accountId);
      const [tokens, method] = await Promise.all([listAccessTokens(client, credentials), this.method(client, credentials, accountId)]);
      return { accountId, available: true, reason: null, notAllowed: false, method, tokens };
    } catch (error) {
      if (error instanceof ApiFailure && isPermissionRefusal(error)) return closed(tokensNotAllowed, true);
      return closed(failureWords(error) ?? this.unreachable(accountId));
    }
  }

  async create(
    accountId: string,
    name: string,
    bypassTwoFactor: boolean,
    proof: Proof,
  ): Promise<{ name: string; token: string; message: string }> {
    const { client, credentials, method } = await this.ready(accountId, proof);
    const tokenName = name.trim();
    const token = await this.call(
      () => generateAccessToken(client, credentials, { tokenName, bypassTwoFactor }, this.headers(method, proof)),
      method,
    );
    return { name: tokenName, token, message: `Token “${tokenName}” created. Copy it now: it is not shown again.` };
  }

  async regenerate(accountId: string, name: string, proof: Proof): Promise<{ name: string; token: string; message: string }> {
    const { client, credentials, method } = await this.ready(accountId, proof);
    const token = await this.call(() => regenerateAccessToken(client, credentials, name, this.headers(method, proof)), method);
    return {
      name,
      token,
      message: `Token “${name}” regenerated: the old one no longer works. Copy the new one now: it is not shown again.`,
    };
  }

  async remove(accountId: string, name: string, proof: Proof): Promise<{ message: string }> {
    const { client, credentials, method } = await this.ready(accountId, proof);
    await this.call(() => removeAccessToken(client, credentials, name, this.headers(method, proof)), method);
    return { message: `Token “${name}” removed. Anything using it is signed out.` };
  }

  /** The route's gate is Rocket.Chat's twoFactorRequired: the password only where the fallback is enforced (as for authenticator setup). */
  private async method(client: UsersApiClient, credentials: Credentials, accountId: string): Promise<Method> {
    const document = sanitizeUser(await fetchCurrentMe(client, credentials));
    return setupMethod(
      factorsOf(document, this.deps.rules.settings(this.serverId(accountId))),
      this.deps.rules.settings(this.serverId(accountId)),
    );
  }

  private headers(method: Method, proof: Proof): TwoFactorHeaders {
    return gatedHeaders(proof.method ?? method, proof);
  }

  private async ready(accountId: string, proof: Proof): Promise<{ client: UsersApiClient; credentials: Credentials; method: Method }> {
    const credentials = await this.deps.accounts.credentials(accountId);
    if (!credentials) throw new AppFailure('unauthorized', 'You are signed out of this account. Sign in again first.');
    if (!this.deps.isOnline(accountId)) throw new AppFailure('network-unreachable', this.unreachable(accountId));
    const client = this.deps.clientForAccount(accountId);
    // Normally known from /me before the first request; if the server asked for another, that one.
    const method = proof.method ?? (await this.method(client, credentials, accountId));
    const missing = missingProof(method, proof);
    if (Object.keys(missing).length > 0) throw new AppFailure('validation', 'Confirm it is you first.', { fields: missing });
    return { client, credentials, method };
  }

  /** One write, its refusal in words: the factor the server asked for, a wrong proof, a missing permission, a name. */
  private async call<T>(send: () => Promise<T>, method: Method): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const another = anotherFactorAsked(error, method);
      if (another) throw another;
      if (isPermissionRefusal(error)) throw new AppFailure('unauthorized', tokensNotAllowed);
      const code = error.details.serverCode;
      if (code === 'error-token-already-exists')
        throw new AppFailure('validation', 'You already have a token with this name.', {
          fields: { name: 'You already have a token with this name.' },
        });
      if (code === 'error-token-does-not-exists') throw new AppFailure('not-found', 'This token is gone from the server already.');
      if (error.code === 'rate-limited') throw error;
      const fields = proofRefusal(error, method);
      if (fields)
        throw new AppFailure(error.code === 'two-factor-required' ? 'two-factor-required' : 'validation', Object.values(fields)[0]!, {
          fields,
        });
      throw error;
    }
  }

  private serverId(accountId: string): string {
    return this.deps.accounts.serverOf(accountId).id;
  }

  private unreachable(accountId: string): string {
    return `${this.deps.accounts.serverOf(accountId).name} cannot be reached now. Access tokens need the server, so they are off until it is back.`;
  }
}

/**
 * The workspace's refusal: reading answers the 403 of a declared permission (`error-unauthorized`),
 * writing the methods' own `not-authorized` (docs/protocol.md §6 "Personal access tokens").
 */
function isPermissionRefusal(error: ApiFailure): boolean {
  const code = error.details.serverCode;
  return code === 'not-authorized' || (error.details.status === 403 && code === 'error-unauthorized');
}
