import * as z from 'zod';
import { ApiFailure } from './apiFailure';
import type { Credentials, UsersApiClient } from './usersApiClient';

/**
 * users.getUsernameSuggestion (docs/protocol.md §6 "A username for accounts without one"): a
 * free username made from the name or a verified address. Null when the server has none
 * (8.x answers "No username suggestion found"; 7.x a reply without `result`).
 */
export async function getUsernameSuggestion(client: UsersApiClient, auth: Credentials): Promise<string | null> {
  const reply = z
    .looseObject({ result: z.string().nullish() })
    .safeParse(await client.request({ path: '/api/v1/users.getUsernameSuggestion', auth }));
  if (!reply.success) throw new ApiFailure('server-error', 'The server sent a username suggestion the app cannot read.');
  return reply.data.result || null;
}

export interface DataDownloadReply {
  /** True: a new request was queued. False: one made in the last day stands (pending, or ready with `url`). */
  requested: boolean;
  status: string | null;
  createdAt: string | null;
  url: string | null;
}

const downloadReply = z.lazy(() =>
  z.looseObject({
    requested: z.boolean(),
    exportOperation: z.looseObject({ status: z.string().nullish(), createdAt: z.string().nullish() }).nullish(),
    url: z.string().nullish(),
  }),
);

/**
 * users.requestDataDownload (docs/protocol.md §6 "Downloading one's data"): a GET that queues an
 * export of the full data or of the messages only. Not retried: a second request is answered
 * with the first, but the window should hear about the one it made.
 */
export async function requestDataDownload(client: UsersApiClient, auth: Credentials, fullExport: boolean): Promise<DataDownloadReply> {
  const reply = downloadReply.safeParse(
    await client.request({ path: '/api/v1/users.requestDataDownload', auth, query: { fullExport: String(fullExport) }, retry: false }),
  );
  if (!reply.success) throw new ApiFailure('server-error', 'The server sent an answer about your data download the app cannot read.');
  const { requested, exportOperation, url } = reply.data;
  return { requested, status: exportOperation?.status ?? null, createdAt: exportOperation?.createdAt ?? null, url: url ?? null };
}
