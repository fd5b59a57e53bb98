import { ApiFailure } from './apiFailure';
import { meReplySchema, serverInfoReplySchema } from './replySchemas';
import type { Credentials, UsersApiClient } from './usersApiClient';
import { nodeCrypto } from '../nodeBuiltins';

/** Lowercase hex SHA-256 of the UTF-8 password: the digest every users API accepts (docs/protocol.md §1, §8). */
export function passwordDigest(password: string): string {
  return nodeCrypto().createHash('sha256').update(password, 'utf8').digest('hex');
}

export interface ServerInfo {
  version: string | null;
}

/** One try only: it answers "is this server there now?" (adding a server, connectivity probes). */
export async function fetchServerInfo(client: UsersApiClient): Promise<ServerInfo> {
  const reply = serverInfoReplySchema.safeParse(await client.request({ path: '/api/info', retry: false }));
  if (!reply.success) {
    throw new ApiFailure('not-found', 'This address answers, but not like a Rocket.Chat users API server.');
  }
  return { version: reply.data.info?.version ?? reply.data.version ?? null };
}

export async function fetchMe(client: UsersApiClient, auth: Credentials) {
  const reply = meReplySchema.safeParse(await client.request({ path: '/api/v1/me', auth }));
  if (!reply.success) {
    throw new ApiFailure('server-error', 'The server sent a profile the app cannot read.');
  }
  return reply.data;
}

/** Revokes this one token on the server. */
export async function logout(client: UsersApiClient, auth: Credentials): Promise<void> {
  await client.request({ path: '/api/v1/logout', method: 'POST', auth, body: {} });
}

/**
 * Always answers success, even for unknown users (docs/protocol.md §5). With a session the
 * code goes to that account (a sensitive change); without one, to the user signing in.
 */
export async function sendEmailCode(client: UsersApiClient, emailOrUsername: string, auth?: Credentials): Promise<void> {
  await client.request({ path: '/api/v1/users.2fa.sendEmailCode', body: { emailOrUsername }, ...(auth ? { auth } : {}) });
}
