import type { DirectoryStatus } from '../../../shared/directorySchemas';
import { logFailure } from '../log/logFailure';
import type { Logger } from '../log/logger';
import { ApiFailure } from '../usersApi/apiFailure';
import { WriterFailure, writerStopped } from './writer/writerFailure';
import type { DirectorySyncRow } from './directoryStore';

/** Why a sync stopped: `paused` ones resume by themselves when the server is back. */
export class SyncStop extends Error {
  constructor(
    readonly state: 'paused' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** What a sync's failure means for the person, and whether it resumes by itself. */
export function explainStop(error: unknown, log: Logger): SyncStop {
  if (error instanceof SyncStop) return error;
  // The writer's thread ended mid-write (its writer logged why): the next attempt writes on the main thread instead.
  if (error instanceof WriterFailure && error.code === writerStopped) {
    return new SyncStop('paused', 'Saving the directory on this computer was interrupted. The sync continues by itself.');
  }
  if (!(error instanceof ApiFailure)) {
    logFailure(log, 'syncing the people directory', error);
    return new SyncStop('failed', 'The directory could not be saved on this computer.');
  }
  if (error.details.status === 401) {
    return new SyncStop('failed', 'Your session has ended. Sign in again to sync the people directory.');
  }
  if (error.details.status === 403 || /verify the parameters/i.test(error.message)) {
    return new SyncStop('failed', 'This server does not let your account list its people. You can still look people up.');
  }
  // A 2xx reply that could not be used (far too large, or not a people list): trying again soon gets the same.
  if (error.code === 'server-error' && (error.details.status ?? 500) < 300) {
    return new SyncStop('failed', `${error.message} The directory sync stopped; people saved so far stay searchable.`);
  }
  if (error.code === 'network-unreachable' || error.code === 'timeout' || error.code === 'rate-limited' || error.code === 'server-error') {
    return new SyncStop('paused', `${error.message} The directory sync continues when the server answers.`);
  }
  return new SyncStop('failed', error.message);
}

/** Said while the copy is refreshed by whole copies because the server gives no changes (docs/sync.md "Sync"). */
export const fullRefreshNote =
  'This server does not tell the app which people changed, so the directory is copied again in full when People opens, at most once an hour.';

/** Where a server's directory copy stands, as the window shows it. */
export function describeSync(
  serverId: string,
  row: DirectorySyncRow | null,
  now: { cached: number; running: boolean; limit: number },
): DirectoryStatus {
  const { cached, running, limit } = now;
  if (!row) {
    return {
      serverId,
      state: running ? 'syncing' : 'never',
      loaded: 0,
      total: null,
      cached,
      syncedAt: null,
      error: null,
      limit,
      capped: false,
      note: null,
    };
  }
  const stoppedShort = row.state === 'done' && row.total !== null && row.loaded < row.total;
  return {
    serverId,
    state: running ? 'syncing' : row.state === 'syncing' ? 'paused' : row.state,
    loaded: row.loaded,
    total: row.total,
    cached,
    syncedAt: row.syncedAt === null ? null : new Date(row.syncedAt).toISOString(),
    error: running ? null : row.lastError,
    limit,
    capped: !running && stoppedShort && row.loaded >= limit,
    note: row.state === 'done' && row.refreshes === 'full' ? fullRefreshNote : null,
  };
}
