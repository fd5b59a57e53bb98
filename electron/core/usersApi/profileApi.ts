import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import { meReplySchema, usersInfoReplySchema } from './replySchemas';
import type { Credentials, UsersApiClient } from './usersApiClient';

/**
 * The own profile in full: /me (status, settings, services flags) merged with
 * users.info for oneself (createdAt, lastLogin, rooms with unread counts, docs/protocol.md §2–3).
 * `knownMe` is a /me the caller already holds (login's reply carries one): /me is not asked again.
 */
export async function fetchOwnProfile(client: UsersApiClient, auth: Credentials, knownMe?: unknown): Promise<Record<string, unknown>> {
  const me = meReplySchema.safeParse(knownMe ?? (await client.request({ path: '/api/v1/me', auth })));
  if (!me.success) throw new ApiFailure('server-error', 'The server sent a profile the app cannot read.');
  const { success: _meSuccess, ...meFields } = me.data;
  // An account without a username (made by single sign-on, say) may read /me but not users.info
  // ("Users must have a username", docs/protocol.md §7): /me is its whole profile until it has one.
  if (typeof meFields.username !== 'string' || meFields.username === '') return meFields;
  const info = usersInfoReplySchema.safeParse(
    await client.request({ path: '/api/v1/users.info', auth, query: { userId: auth.userId, includeUserRooms: 'true' } }),
  );
  if (!info.success) throw new ApiFailure('server-error', 'The server sent user details the app cannot read.');
  // users.info is read last, so its values are the newer ones; but about oneself its `settings`
  // hold only statusVisibilityDenied and its `services` another shape (`password: true`):
  // /me's richer two stay.
  const merged: Record<string, unknown> = { ...meFields, ...info.data.user };
  for (const key of ['settings', 'services'] as const) if (key in meFields) merged[key] = meFields[key];
  return merged;
}

/**
 * /me as it is now (docs/protocol.md §2), nulls allowed: what the outbox compares edits with,
 * and where the account's second-factor flags and addresses are read before a sensitive change.
 */
export const currentMeSchema = z.lazy(() =>
  z.looseObject({
    _id: z.string(),
    name: z.string().nullish(),
    username: z.string().nullish(),
    nickname: z.string().nullish(),
    bio: z.string().nullish(),
    statusText: z.string().nullish(),
    status: z.string().nullish(),
    customFields: z.record(z.string(), z.unknown()).nullish(),
  }),
);
export type CurrentMe = z.infer<typeof currentMeSchema>;

export async function fetchCurrentMe(client: UsersApiClient, auth: Credentials): Promise<CurrentMe> {
  const reply = currentMeSchema.safeParse(await client.request({ path: '/api/v1/me', auth }));
  if (!reply.success) throw new ApiFailure('server-error', 'The server sent a profile the app cannot read.');
  return reply.data;
}
