import { ApiFailure } from './apiFailure';
import { directoryReplySchema, usersListReplySchema } from './replySchemas';
import type { Credentials, UsersApiClient } from './usersApiClient';

export type ListSource = 'users.list' | 'directory';

export interface PeoplePage {
  people: (Record<string, unknown> & { _id: string })[];
  offset: number;
  total: number;
}

/** Servers cap pages at 100 (docs/protocol.md §6 "Lists"). */
export const pageSize = 100;

/**
 * One page of the server's people, sorted by username so offsets stay stable while
 * paging. A background sync may wait out a 429 (up to a minute and a bit).
 */
export async function fetchPeoplePage(client: UsersApiClient, auth: Credentials, source: ListSource, offset: number): Promise<PeoplePage> {
  const common = { auth, retryPolicy: { attempts: 5, maxRateLimitWaitMs: 65_000 } };
  const sort = JSON.stringify({ username: 1 });
  if (source === 'users.list') {
    const reply = usersListReplySchema.safeParse(
      await client.request({ ...common, path: '/api/v1/users.list', query: { offset: String(offset), count: String(pageSize), sort } }),
    );
    if (!reply.success) throw new ApiFailure('server-error', 'The server sent a people list the app cannot read.');
    return { people: reply.data.users, offset: reply.data.offset, total: reply.data.total };
  }
  const reply = directoryReplySchema.safeParse(
    await client.request({
      ...common,
      path: '/api/v1/directory',
      query: { type: 'users', workspace: 'local', text: '', offset: String(offset), count: String(pageSize), sort },
    }),
  );
  if (!reply.success) throw new ApiFailure('server-error', 'The server sent a directory page the app cannot read.');
  return { people: reply.data.result, offset: reply.data.offset, total: reply.data.total };
}
