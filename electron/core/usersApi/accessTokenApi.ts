import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import type { TwoFactorHeaders } from './securityApi';
import type { Credentials, UsersApiClient } from './usersApiClient';

/** Writes are never retried: each carries a second factor that may work once (docs/protocol.md §6 "Personal access tokens"). */
const once = { retry: false } as const;

const listReply = z.lazy(() =>
  z.looseObject({
    tokens: z.array(
      z.looseObject({
        name: z.string().nullish(),
        createdAt: z.string().nullish(),
        lastTokenPart: z.string().nullish(),
        bypassTwoFactor: z.boolean().nullish(),
      }),
    ),
  }),
);

export interface ServerAccessToken {
  name: string;
  createdAt: string | null;
  lastTokenPart: string;
  bypassTwoFactor: boolean;
}

export async function listAccessTokens(client: UsersApiClient, auth: Credentials): Promise<ServerAccessToken[]> {
  const reply = listReply.safeParse(await client.request({ path: '/api/v1/users.getPersonalAccessTokens', auth }));
  if (!reply.success) throw new ApiFailure('server-error', 'The server sent a list of access tokens the app cannot read.');
  return reply.data.tokens.map((t) => ({
    name: t.name ?? '',
    createdAt: t.createdAt ?? null,
    lastTokenPart: t.lastTokenPart ?? '',
    bypassTwoFactor: t.bypassTwoFactor === true,
  }));
}

const tokenReply = z.lazy(() => z.looseObject({ token: z.string().min(1) }));

async function tokenOf(send: Promise<unknown>): Promise<string> {
  const reply = tokenReply.safeParse(await send);
  if (!reply.success) throw new ApiFailure('server-error', 'The server made the token but did not send it.');
  return reply.data.token;
}

export function generateAccessToken(
  client: UsersApiClient,
  auth: Credentials,
  body: { tokenName: string; bypassTwoFactor: boolean },
  headers: TwoFactorHeaders,
): Promise<string> {
  return tokenOf(client.request({ ...once, path: '/api/v1/users.generatePersonalAccessToken', auth, body, headers }));
}

export function regenerateAccessToken(
  client: UsersApiClient,
  auth: Credentials,
  tokenName: string,
  headers: TwoFactorHeaders,
): Promise<string> {
  return tokenOf(client.request({ ...once, path: '/api/v1/users.regeneratePersonalAccessToken', auth, body: { tokenName }, headers }));
}

export async function removeAccessToken(
  client: UsersApiClient,
  auth: Credentials,
  tokenName: string,
  headers: TwoFactorHeaders,
): Promise<void> {
  await client.request({ ...once, path: '/api/v1/users.removePersonalAccessToken', auth, body: { tokenName }, headers });
}
