import { ApiFailure } from './apiFailure';
import { directoryReplySchema, usersListReplySchema } from './replySchemas';
import type { Credentials, UsersApiClient } from './usersApiClient';

export type ListSource = 'users.list' | 'directory';

export interface PeoplePage {
  people: (Record<string, unknown> & { _id: string })[];
  offset: number;
  total: number;
}

/** Servers cap pages at 100 (docs/protocol.md §6 "Lists"); we never ask for more. */
export const pageSize = 100;

/**
 * The most bytes a page of 100 people may take: 20 KB a person, ten times a real
 * users.list entry. A longer reply is not read at all, so one page never costs the core
 * more than a short JSON.parse, whatever a broken or hostile server sends.
 */
export const maxPageBytes = 2 * 1024 * 1024;

/**
 * users.list newest change first, asking for `_updatedAt` (docs/protocol.md §6 "Lists"). A
 * server that honours `fields` for this account gives the field and orders by it, so a refresh
 * reads back only to its mark; one that does not leaves it out of every row and the order falls
 * to `_id`, which keeps offsets as stable as the username order did.
 */
const usersListQuery = { sort: JSON.stringify({ _updatedAt: -1, _id: 1 }), fields: JSON.stringify({ _updatedAt: 1 }) };

/**
 * One page of the server's people, in an order that stays stable while paging (users.list as
 * above; the directory endpoint by username). A background sync may wait out a 429 (up to a
 * minute and a bit). A server that sends more people than asked for is cut to the page size
 * before anything else reads them.
 */
export async function fetchPeoplePage(client: UsersApiClient, auth: Credentials, source: ListSource, offset: number): Promise<PeoplePage> {
  const common = { auth, retryPolicy: { attempts: 5, maxRateLimitWaitMs: 65_000 }, maxBytes: maxPageBytes };
  if (source === 'users.list') {
    const reply = usersListReplySchema.safeParse(
      cutToPage(
        await client.request({
          ...common,
          path: '/api/v1/users.list',
          query: { offset: String(offset), count: String(pageSize), ...usersListQuery },
        }),
        'users',
      ),
    );
    if (!reply.success) throw unreadable('The server sent a people list the app cannot read.');
    return { people: reply.data.users, offset: reply.data.offset, total: reply.data.total };
  }
  const reply = directoryReplySchema.safeParse(
    cutToPage(
      await client.request({
        ...common,
        path: '/api/v1/directory',
        query: {
          type: 'users',
          workspace: 'local',
          text: '',
          offset: String(offset),
          count: String(pageSize),
          sort: JSON.stringify({ username: 1 }),
        },
      }),
      'result',
    ),
  );
  if (!reply.success) throw unreadable('The server sent a directory page the app cannot read.');
  return { people: reply.data.result, offset: reply.data.offset, total: reply.data.total };
}

/**
 * Ids of users.list in `_id` order from `offset` (at most `count`, up to a page): how a refresh
 * finds who was deleted without reading everyone. `_id` is in every projection, so every
 * server orders by it.
 */
export async function fetchIdsById(
  client: UsersApiClient,
  auth: Credentials,
  offset: number,
  count: number,
): Promise<{ ids: string[]; total: number }> {
  const reply = usersListReplySchema.safeParse(
    cutToPage(
      await client.request({
        path: '/api/v1/users.list',
        auth,
        retryPolicy: { attempts: 5, maxRateLimitWaitMs: 65_000 },
        maxBytes: maxPageBytes,
        query: { offset: String(offset), count: String(Math.min(count, pageSize)), sort: JSON.stringify({ _id: 1 }) },
      }),
      'users',
    ),
  );
  if (!reply.success) throw unreadable('The server sent a people list the app cannot read.');
  return { ids: reply.data.users.map((person) => person._id), total: reply.data.total };
}

/** Keeps the first pageSize entries of the reply's list, before validation looks at each one. */
function cutToPage(reply: unknown, key: 'users' | 'result'): unknown {
  if (typeof reply !== 'object' || reply === null) return reply;
  const list = (reply as Record<string, unknown>)[key];
  return Array.isArray(list) && list.length > pageSize ? { ...reply, [key]: list.slice(0, pageSize) } : reply;
}

/** A 200 reply that cannot be used: trying again soon would get the same (the sync stops, see DirectoryService). */
function unreadable(message: string): ApiFailure {
  return new ApiFailure('server-error', message, { status: 200 });
}

/**
 * Whether this account may look people up by email at all: users.list filtered by `email`
 * needs view-full-other-user-info and answers 403 without it (docs/protocol.md §6 "Lists").
 * users.info answers "User not found." either way, so only this question tells "no one has
 * that address" from "the server will not say" (§3).
 */
export async function emailLookupAllowed(client: UsersApiClient, auth: Credentials, email: string): Promise<boolean> {
  try {
    await client.request({ path: '/api/v1/users.list', auth, query: { email, count: '1' } });
    return true;
  } catch (error) {
    if (error instanceof ApiFailure && error.details.status === 403) return false;
    throw error;
  }
}
