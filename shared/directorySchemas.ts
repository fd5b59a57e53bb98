import * as z from 'zod';
import { maxDirectoryLimit, maxDirectoryPageSize, textLimits } from './limits';

const accountId = z.lazy(() => z.string().min(1).max(200));

/**
 * Where the cached copy of a server's people directory stands.
 * `never`: not synced yet; `paused`: cut short (offline or quit) and resumes by itself;
 * `failed`: stopped with `error` until the person tries again.
 */
export const directoryStatusSchema = z.lazy(() =>
  z.object({
    serverId: z.string(),
    state: z.enum(['never', 'syncing', 'paused', 'done', 'failed']),
    loaded: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    /** People of this server saved on this computer (listed or looked up). */
    cached: z.number().int().nonnegative(),
    syncedAt: z.string().nullable(),
    error: z.string().nullable(),
    /** The most people a sync copies for this server (defaultDirectoryLimit unless raised). */
    limit: z.number().int().positive(),
    /** The last sync stopped at `limit` while the server listed more: raising the limit copies the rest. */
    capped: z.boolean(),
    /** How refreshes work for this server when it is worth saying (a server that gives no changes is copied whole). */
    note: z.string().nullable(),
  }),
);
export type DirectoryStatus = z.infer<typeof directoryStatusSchema>;

export const directoryStatusRequestSchema = z.lazy(() => z.object({ accountId }).strict());
export const directorySyncRequestSchema = z.lazy(() =>
  z
    .object({
      accountId,
      force: z.boolean().optional(),
      /** A new limit for this server; raising it after a capped sync copies the rest without starting over. */
      maxPeople: z.number().int().min(1).max(maxDirectoryLimit).optional(),
    })
    .strict(),
);

/** Where a page of results ended: `next` of the previous page. */
const searchCursor = z.lazy(() => z.string().regex(/^[0-4]\.\d{1,15}$/, 'Not a search position from a previous page.'));

export const directorySearchRequestSchema = z.lazy(() =>
  z
    .object({
      accountId,
      query: z.string().max(textLimits.directoryQuery),
      limit: z.number().int().min(1).max(maxDirectoryPageSize).optional(),
      after: searchCursor.optional(),
    })
    .strict(),
);

export const personHitSchema = z.lazy(() =>
  z.object({
    userId: z.string(),
    username: z.string().nullable(),
    name: z.string().nullable(),
    nickname: z.string().nullable(),
    emails: z.array(z.string()),
    status: z.string().nullable(),
  }),
);
export type PersonHit = z.infer<typeof personHitSchema>;

export const directorySearchResultSchema = z.lazy(() =>
  z.object({
    /** The query this page answers, as sent: a window typing fast keeps only the answer to what it shows. */
    query: z.string(),
    /** A full page (`limit` people) whenever `more` is true. */
    people: z.array(personHitSchema),
    more: z.boolean(),
    /** Pass as `after` for the next page; null when there is none. */
    next: searchCursor.nullable(),
  }),
);
export type DirectorySearchResult = z.infer<typeof directorySearchResultSchema>;
