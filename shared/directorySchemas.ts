import { z } from 'zod';
import { textLimits } from './limits';

const accountId = z.string().min(1).max(200);

/**
 * Where the cached copy of a server's people directory stands.
 * `never`: not synced yet; `paused`: cut short (offline or quit) and resumes by itself;
 * `failed`: stopped with `error` until the person tries again.
 */
export const directoryStatusSchema = z.object({
  serverId: z.string(),
  state: z.enum(['never', 'syncing', 'paused', 'done', 'failed']),
  loaded: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  /** People of this server saved on this computer (listed or looked up). */
  cached: z.number().int().nonnegative(),
  syncedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type DirectoryStatus = z.infer<typeof directoryStatusSchema>;

export const directoryStatusRequestSchema = z.object({ accountId }).strict();
export const directorySyncRequestSchema = z.object({ accountId, force: z.boolean().optional() }).strict();
export const directorySearchRequestSchema = z
  .object({ accountId, query: z.string().max(textLimits.directoryQuery), limit: z.number().int().min(1).max(100).optional() })
  .strict();

export const personHitSchema = z.object({
  userId: z.string(),
  username: z.string().nullable(),
  name: z.string().nullable(),
  nickname: z.string().nullable(),
  emails: z.array(z.string()),
  status: z.string().nullable(),
});
export type PersonHit = z.infer<typeof personHitSchema>;

export const directorySearchResultSchema = z.object({ people: z.array(personHitSchema), more: z.boolean() });
export type DirectorySearchResult = z.infer<typeof directorySearchResultSchema>;
