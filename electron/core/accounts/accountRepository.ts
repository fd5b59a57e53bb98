import { forgetFreedPages } from '../db/forgetFreedPages';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AccountState, AccountSummary, ServerSummary, SignInKind } from '../../../shared/accountSchemas';

export interface ServerRow {
  id: string;
  origin: string;
  name: string | null;
  version: string | null;
  added_at: number;
}

export interface AccountRow {
  id: string;
  server_id: string;
  user_id: string;
  username: string;
  display_name: string | null;
  state: AccountState;
  sign_in_kind: SignInKind;
  created_at: number;
  updated_at: number;
}

const activeKey = 'activeAccountId';

/** SQL for servers, accounts and the active-account choice. No secret ever passes here. */
export class AccountRepository {
  constructor(private readonly db: Database) {}

  servers(): ServerRow[] {
    return this.db.prepare('SELECT * FROM servers ORDER BY added_at, origin').all() as ServerRow[];
  }

  server(id: string): ServerRow | undefined {
    return this.db.prepare('SELECT * FROM servers WHERE id = ?').get(id) as ServerRow | undefined;
  }

  serverByOrigin(origin: string): ServerRow | undefined {
    return this.db.prepare('SELECT * FROM servers WHERE origin = ?').get(origin) as ServerRow | undefined;
  }

  saveServer(row: ServerRow): void {
    this.db
      .prepare(
        `INSERT INTO servers (id, origin, name, version, added_at) VALUES (@id, @origin, @name, @version, @added_at)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version`,
      )
      .run(row);
  }

  accounts(): AccountRow[] {
    return this.db.prepare('SELECT * FROM accounts ORDER BY created_at, id').all() as AccountRow[];
  }

  account(id: string): AccountRow | undefined {
    return this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
  }

  accountByUser(serverId: string, userId: string): AccountRow | undefined {
    return this.db.prepare('SELECT * FROM accounts WHERE server_id = ? AND user_id = ?').get(serverId, userId) as AccountRow | undefined;
  }

  saveAccount(row: AccountRow): void {
    this.db
      .prepare(
        `INSERT INTO accounts (id, server_id, user_id, username, display_name, state, sign_in_kind, created_at, updated_at)
         VALUES (@id, @server_id, @user_id, @username, @display_name, @state, @sign_in_kind, @created_at, @updated_at)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
           state = excluded.state, sign_in_kind = excluded.sign_in_kind, updated_at = excluded.updated_at`,
      )
      .run(row);
  }

  /** The names the server now gives the account; true when they differ from what was kept. */
  setIdentity(id: string, username: string, displayName: string | null, now: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE accounts SET username = ?, display_name = ?, updated_at = ?
           WHERE id = ? AND (username IS NOT ? OR display_name IS NOT ?)`,
        )
        .run(username, displayName, now, id, username, displayName).changes > 0
    );
  }

  setState(id: string, state: AccountState, now: number): void {
    this.db.prepare('UPDATE accounts SET state = ?, updated_at = ? WHERE id = ?').run(state, now, id);
  }

  deleteAccount(id: string): void {
    this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
  }

  /** After a deletion: no freed page or log frame keeps what was deleted (forgetFreedPages). */
  compact(): void {
    forgetFreedPages(this.db);
  }

  activeAccountId(): string | null {
    const value = this.db.prepare('SELECT value FROM app_state WHERE key = ?').pluck().get(activeKey) as string | undefined;
    return value && this.account(value) ? value : null;
  }

  setActiveAccountId(id: string | null): void {
    if (id === null) {
      this.db.prepare('DELETE FROM app_state WHERE key = ?').run(activeKey);
    } else {
      this.setStateValue(activeKey, id);
    }
  }

  getState(key: string): string | undefined {
    return this.db.prepare('SELECT value FROM app_state WHERE key = ?').pluck().get(key) as string | undefined;
  }

  setStateValue(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }
}

/** A server without a name of its own is called by its host. */
export function serverName(row: ServerRow): string {
  return row.name ?? new URL(row.origin).host;
}

export function toServerSummary(row: ServerRow): ServerSummary {
  return {
    id: row.id,
    url: row.origin,
    name: serverName(row),
    version: row.version,
    addedAt: new Date(row.added_at).toISOString(),
  };
}

export function toAccountSummary(row: AccountRow, server: ServerRow, activeId: string | null): AccountSummary {
  return {
    id: row.id,
    serverId: row.server_id,
    serverUrl: server.origin,
    serverName: serverName(server),
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    state: row.state,
    signedInWith: row.sign_in_kind,
    active: row.id === activeId,
  };
}
