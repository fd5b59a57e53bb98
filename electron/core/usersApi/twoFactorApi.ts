import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import type { TwoFactorHeaders } from './securityApi';
import type { Credentials, UsersApiClient } from './usersApiClient';

/** Sensitive POSTs are never retried: a code may be single-use. */
const once = { retry: false } as const;

/** Emailed codes on; the server ends the account's other sessions (docs/protocol.md §5). */
export async function enableEmailTwoFactor(client: UsersApiClient, auth: Credentials): Promise<void> {
  await client.request({ ...once, path: '/api/v1/users.2fa.enableEmail', auth, body: {} });
}

/** Emailed codes off: a twoFactorRequired route, so the proof goes in the headers of this first request. */
export async function disableEmailTwoFactor(client: UsersApiClient, auth: Credentials, headers: TwoFactorHeaders): Promise<void> {
  await client.request({ ...once, path: '/api/v1/users.2fa.disableEmail', auth, body: {}, headers });
}

export async function backupCodesRemaining(client: UsersApiClient, auth: Credentials): Promise<number> {
  const reply = z
    .looseObject({ remaining: z.number().int().nonnegative() })
    .safeParse(await client.request({ path: '/api/v1/users.totpCodesRemaining', auth }));
  if (!reply.success) throw new ApiFailure('server-error', 'The server did not say how many backup codes are left.');
  return reply.data.remaining;
}

/**
 * New backup codes for the authenticator's current code (or a backup code); the old ones stop
 * working. Null: the server took no new codes (Rocket.Chat's function answers nothing for a
 * wrong code, docs/protocol.md §5), so the reply has none.
 */
export async function regenerateBackupCodes(client: UsersApiClient, auth: Credentials, code: string): Promise<string[] | null> {
  const reply = z
    .looseObject({ codes: z.array(z.string()).min(1) })
    .safeParse(await client.request({ ...once, path: '/api/v1/users.regenerateTotpCodes', auth, body: { code } }));
  return reply.success ? reply.data.codes : null;
}
