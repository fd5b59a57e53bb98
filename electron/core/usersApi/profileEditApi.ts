import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import type { Credentials, UsersApiClient } from './usersApiClient';

/**
 * users.updateOwnBasicInfo with only the changed fields (docs/protocol.md §4). Never retried
 * here: the server applies fields step by step without rollback, so the outbox re-reads
 * the profile and decides. Its reply is not kept (7.x replies hold hashes and tokens).
 */
export async function updateOwnBasicInfo(
  client: UsersApiClient,
  auth: Credentials,
  data: Record<string, string>,
  customFields: Record<string, unknown> | undefined,
): Promise<void> {
  await client.request({
    path: '/api/v1/users.updateOwnBasicInfo',
    auth,
    body: { data, ...(customFields ? { customFields } : {}) },
    retry: false,
  });
}

export async function setStatus(client: UsersApiClient, auth: Credentials, status: { status?: string; message?: string }): Promise<void> {
  await client.request({ path: '/api/v1/users.setStatus', auth, body: status, retry: false });
}

/** True when the name is free (or is already the caller's); false when taken or not allowed. */
export async function checkUsernameAvailability(client: UsersApiClient, auth: Credentials, username: string): Promise<boolean> {
  const reply = z
    .looseObject({ result: z.boolean() })
    .safeParse(await client.request({ path: '/api/v1/users.checkUsernameAvailability', auth, query: { username } }));
  if (!reply.success) throw new ApiFailure('server-error', 'The server sent an answer the app cannot read.');
  return reply.data.result;
}

/** users.setAvatar as multipart with the file in `image`. */
export async function uploadAvatar(client: UsersApiClient, auth: Credentials, image: Buffer, contentType: string): Promise<void> {
  await client.request({
    path: '/api/v1/users.setAvatar',
    auth,
    multipart: { field: 'image', fileName: 'avatar', contentType, bytes: image },
    retry: false,
  });
}

/** users.resetAvatar needs the user named even for oneself (docs/protocol.md §6). */
export async function resetAvatar(client: UsersApiClient, auth: Credentials): Promise<void> {
  await client.request({ path: '/api/v1/users.resetAvatar', auth, body: { userId: auth.userId }, retry: false });
}
