import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import type { Credentials, UsersApiClient } from './usersApiClient';

const preferencesReply = z.lazy(() => z.looseObject({ preferences: z.record(z.string(), z.unknown()) }));

/**
 * users.getPreferences (docs/protocol.md §6 "Preferences"): what the person set, without the
 * workspace's defaults, with `language` beside them. A user document without `settings` is
 * answered with a failure; nothing was set then, so that is an empty set here.
 */
export async function fetchPreferences(client: UsersApiClient, auth: Credentials): Promise<Record<string, unknown>> {
  let raw: unknown;
  try {
    raw = await client.request({ path: '/api/v1/users.getPreferences', auth });
  } catch (error) {
    // Its only plain 400 (a translated sentence, no code): "no preferences available".
    if (error instanceof ApiFailure && error.details.status === 400 && error.details.serverCode === undefined) return {};
    throw error;
  }
  const reply = preferencesReply.safeParse(raw);
  if (!reply.success) throw new ApiFailure('server-error', 'The server sent preferences the app cannot read.');
  return reply.data.preferences;
}

/**
 * users.setPreferences with only the changed keys: the server sets each on its own and keeps
 * the others, on every release (§6). Never retried here: the outbox re-reads and decides.
 */
export async function setPreferences(client: UsersApiClient, auth: Credentials, data: Record<string, unknown>): Promise<void> {
  await client.request({ path: '/api/v1/users.setPreferences', auth, body: { data }, retry: false });
}
