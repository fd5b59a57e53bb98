import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import type { Credentials, UsersApiClient } from './usersApiClient';

// Not z.record: it would drop keys such as `__proto__`, and so call a kept field lost.
const replyCustomFieldsSchema = z.lazy(() => z.looseObject({ user: z.looseObject({ customFields: z.unknown() }) }));

/**
 * users.updateOwnBasicInfo with only the changed fields (docs/protocol.md §4). Never retried
 * here: the server applies fields step by step without rollback, so the outbox re-reads
 * the profile and decides. Of its reply only the custom fields are read (7.x replies hold
 * hashes and tokens): the server answers success while dropping the fields its workspace does
 * not define, so what it kept is compared with what was sent. Null when the reply does not say.
 */
export async function updateOwnBasicInfo(
  client: UsersApiClient,
  auth: Credentials,
  data: Record<string, string>,
  customFields: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | null> {
  const reply = await client.request({
    path: '/api/v1/users.updateOwnBasicInfo',
    auth,
    body: { data, ...(customFields ? { customFields } : {}) },
    retry: false,
  });
  const parsed = replyCustomFieldsSchema.safeParse(reply);
  if (!parsed.success) return null;
  const kept = parsed.data.user.customFields;
  return typeof kept === 'object' && kept !== null && !Array.isArray(kept) ? (kept as Record<string, unknown>) : {};
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
