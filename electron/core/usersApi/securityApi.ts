import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import type { Credentials, UsersApiClient } from './usersApiClient';

/** Headers that carry a second factor (docs/protocol.md §5); read only when both are present. */
export type TwoFactorHeaders = { 'x-2fa-code': string; 'x-2fa-method': 'totp' | 'email' | 'password' } | Record<string, never>;

/** Sensitive POSTs are never retried: a 2FA code may be single-use and the limit is one a minute. */
const once = { retry: false } as const;

export async function fetchPasswordPolicy(client: UsersApiClient, auth: Credentials): Promise<unknown> {
  return client.request({ path: '/api/v1/pw.getPolicy', auth });
}

export async function updateSensitive(
  client: UsersApiClient,
  auth: Credentials,
  data: Record<string, string>,
  headers: TwoFactorHeaders,
): Promise<void> {
  await client.request({ ...once, path: '/api/v1/users.updateOwnBasicInfo', auth, body: { data }, headers });
}

/** With the session: 7.x declares the route authRequired, 8.x takes a session it does not need (docs/protocol.md §6). */
export async function sendConfirmationEmail(client: UsersApiClient, email: string, auth: Credentials): Promise<void> {
  await client.request({ ...once, path: '/api/v1/users.sendConfirmationEmail', auth, body: { email } });
}

export async function enableTotp(
  client: UsersApiClient,
  auth: Credentials,
  headers: TwoFactorHeaders,
): Promise<{ secret: string; url: string }> {
  const reply = z
    .looseObject({ secret: z.string().min(1), url: z.string().min(1) })
    .safeParse(await client.request({ ...once, path: '/api/v1/users.enableTotp', auth, body: {}, headers }));
  if (!reply.success) throw new ApiFailure('server-error', 'The server started authenticator setup but sent no key for the app.');
  return reply.data;
}

export async function validateTotp(client: UsersApiClient, auth: Credentials, code: string, headers: TwoFactorHeaders): Promise<string[]> {
  const reply = z
    .looseObject({ codes: z.array(z.string()) })
    .safeParse(await client.request({ ...once, path: '/api/v1/users.validateTotp', auth, body: { code }, headers }));
  if (!reply.success) throw new ApiFailure('server-error', 'The server confirmed the authenticator but sent no backup codes.');
  return reply.data.codes;
}

/**
 * True when the server turned the app off. A wrong code is no error: the server answers 200
 * `{disabled: false}` (docs/protocol.md §5). A reply without the flag is one the app cannot read.
 */
export async function disableTotp(client: UsersApiClient, auth: Credentials, code: string): Promise<boolean> {
  const reply = z
    .looseObject({ disabled: z.boolean() })
    .safeParse(await client.request({ ...once, path: '/api/v1/users.disableTotp', auth, body: { code } }));
  if (!reply.success) throw new ApiFailure('server-error', 'The server did not say whether it turned the authenticator app off.');
  return reply.data.disabled;
}

/** Keeps this session, ends the others. Some servers hand back a fresh token for this one. */
export async function logoutOtherClients(client: UsersApiClient, auth: Credentials): Promise<string | null> {
  const reply = z
    .looseObject({ token: z.string().optional() })
    .safeParse(await client.request({ ...once, path: '/api/v1/users.logoutOtherClients', auth, body: {} }));
  return reply.success && reply.data.token ? reply.data.token : null;
}
