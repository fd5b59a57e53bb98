import { ApiFailure } from './apiFailure';
import { meReplySchema, usersInfoReplySchema } from './replySchemas';
import type { Credentials, UsersApiClient } from './usersApiClient';

/**
 * The own profile in full: /me (status, settings, services flags) merged with
 * users.info for oneself (createdAt, lastLogin, rooms with unread counts, PROTOCOL.md §2–3).
 */
export async function fetchOwnProfile(client: UsersApiClient, auth: Credentials): Promise<Record<string, unknown>> {
  const me = meReplySchema.safeParse(await client.request({ path: '/api/v1/me', auth }));
  if (!me.success) throw new ApiFailure('server-error', 'The server sent a profile the app cannot read.');
  const info = usersInfoReplySchema.safeParse(
    await client.request({ path: '/api/v1/users.info', auth, query: { userId: auth.userId, includeUserRooms: 'true' } }),
  );
  if (!info.success) throw new ApiFailure('server-error', 'The server sent user details the app cannot read.');
  const { success: _meSuccess, ...meFields } = me.data;
  return { ...meFields, ...info.data.user };
}
