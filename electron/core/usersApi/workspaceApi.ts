import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import type { UsersApiClient } from './usersApiClient';

const settingsReplySchema = z.lazy(() => z.looseObject({ settings: z.array(z.looseObject({ _id: z.string(), value: z.unknown() })) }));

/**
 * `GET settings.public?_id=…` without a session (docs/protocol.md §9): the values of those of
 * the ids the server makes public. Null when it keeps them behind a sign-in (401/403): then
 * nothing is known, and Rocket.Chat's defaults stand.
 */
export async function fetchPublicSettings(client: UsersApiClient, ids: readonly string[]): Promise<Record<string, unknown> | null> {
  let reply: unknown;
  try {
    reply = await client.request({ path: '/api/v1/settings.public', query: { _id: ids.join(','), count: String(ids.length) } });
  } catch (error) {
    if (error instanceof ApiFailure && (error.details.status === 401 || error.details.status === 403)) return null;
    throw error;
  }
  const parsed = settingsReplySchema.safeParse(reply);
  if (!parsed.success) throw new ApiFailure('server-error', 'The server sent its settings in a form the app cannot read.');
  const wanted = new Set(ids);
  return Object.fromEntries(
    parsed.data.settings.filter((setting) => wanted.has(setting._id)).map((setting) => [setting._id, setting.value]),
  );
}
