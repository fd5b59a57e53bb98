import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { WorkspaceOffers } from '../../../shared/profileSchemas';
import type { Clock } from '../clock';
import { fetchPublicSettings } from '../usersApi/workspaceApi';
import type { UsersApiClient } from '../usersApi/usersApiClient';
import { parseRelease, workspaceOffers, workspaceSettingIds, type Release, type WorkspaceSettings } from './workspacePolicy';

/** Settings change rarely: a background refresh reads them again after this long. */
export const workspaceSettingsFreshMs = 10 * 60_000;

export interface WorkspaceRulesDeps {
  db: Database;
  clock: Clock;
  clientForServer(serverId: string): UsersApiClient;
  /** The release /api/info last named for the server (kept with the server). */
  versionOf(serverId: string): string | null;
}

/**
 * What each workspace lets a person change and which second factors it accepts: its public
 * settings as last read (`workspace_settings`, docs/decisions.md D66) and its release. Read
 * from this computer, so the window offers the right things offline too.
 */
export class WorkspaceRules {
  private readonly refreshing = new Map<string, Promise<boolean>>();

  constructor(private readonly deps: WorkspaceRulesDeps) {}

  settings(serverId: string): WorkspaceSettings {
    const row = this.deps.db.prepare('SELECT settings FROM workspace_settings WHERE server_id = ?').pluck().get(serverId) as
      string | undefined;
    return row ? (JSON.parse(row) as WorkspaceSettings) : {};
  }

  release(serverId: string): Release | null {
    return parseRelease(this.deps.versionOf(serverId));
  }

  offers(serverId: string): WorkspaceOffers {
    return workspaceOffers(this.settings(serverId), this.release(serverId));
  }

  /**
   * Reads the settings again now (one request at a time per server); true when they changed,
   * so the caller tells the window. Throws the client's failure.
   */
  refresh(serverId: string): Promise<boolean> {
    const running = this.refreshing.get(serverId);
    if (running) return running;
    const work = this.read(serverId).finally(() => this.refreshing.delete(serverId));
    this.refreshing.set(serverId, work);
    return work;
  }

  /** Reads them again only when the saved copy is missing or older than `workspaceSettingsFreshMs`. */
  async refreshIfStale(serverId: string): Promise<boolean> {
    const fetchedAt = this.deps.db.prepare('SELECT fetched_at FROM workspace_settings WHERE server_id = ?').pluck().get(serverId) as
      number | undefined;
    if (fetchedAt !== undefined && this.deps.clock.now() - fetchedAt < workspaceSettingsFreshMs) return false;
    return this.refresh(serverId);
  }

  private async read(serverId: string): Promise<boolean> {
    const fresh = (await fetchPublicSettings(this.deps.clientForServer(serverId), workspaceSettingIds)) ?? {};
    const before = JSON.stringify(this.settings(serverId));
    const text = JSON.stringify(fresh);
    // A server removed while its settings were on their way keeps nothing.
    this.deps.db
      .prepare(
        `INSERT INTO workspace_settings (server_id, settings, fetched_at) SELECT id, ?, ? FROM servers WHERE id = ?
         ON CONFLICT (server_id) DO UPDATE SET settings = excluded.settings, fetched_at = excluded.fetched_at`,
      )
      .run(text, this.deps.clock.now(), serverId);
    return text !== before;
  }
}
