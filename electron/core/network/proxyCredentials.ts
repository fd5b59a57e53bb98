import type { Logger } from '../log/logger';
import { logFailure } from '../log/logFailure';
import type { Vault } from '../vault/vault';
import type { NetworkPrompts } from './networkPrompts';

export interface ProxyChallenge {
  host: string;
  port: number;
  realm: string;
  scheme: string;
  /** The proxy asked again for the same request: what it was given was refused. */
  again: boolean;
}

/**
 * Sign-ins for a proxy that asks (the desktop shell's `login` events). They are kept in the
 * OS keychain under `proxy:<host>:<port>`, like session tokens and never anywhere else; a
 * refused one is forgotten and the person is asked. Without a keychain they last this run.
 */
export class ProxyCredentials {
  private readonly thisRun = new Map<string, { username: string; password: string }>();

  constructor(private readonly deps: { vault: Vault; prompts: NetworkPrompts; log: Logger }) {}

  async forChallenge(challenge: ProxyChallenge): Promise<{ username: string; password: string } | null> {
    const account = `proxy:${challenge.host}:${challenge.port}`;
    if (challenge.again) {
      this.thisRun.delete(account);
      await this.deps.vault
        .delete(account)
        .catch((error: unknown) => logFailure(this.deps.log, 'forgetting a refused proxy sign-in', error));
    } else {
      const known = this.thisRun.get(account) ?? parse(await this.deps.vault.get(account).catch(() => null));
      if (known) return known;
    }
    const answer = await this.deps.prompts.ask({
      kind: 'proxy-sign-in',
      proxy: `${challenge.host}:${challenge.port}`,
      realm: challenge.realm,
      again: challenge.again,
    });
    if (!answer || !('username' in answer)) return null;
    this.thisRun.set(account, answer);
    await this.deps.vault
      .set(account, JSON.stringify(answer))
      .catch((error: unknown) => logFailure(this.deps.log, 'keeping a proxy sign-in in the keychain', error));
    return answer;
  }
}

function parse(stored: string | null): { username: string; password: string } | null {
  if (!stored) return null;
  try {
    const value = JSON.parse(stored) as { username?: unknown; password?: unknown };
    return typeof value.username === 'string' && typeof value.password === 'string'
      ? { username: value.username, password: value.password }
      : null;
  } catch {
    return null;
  }
}
