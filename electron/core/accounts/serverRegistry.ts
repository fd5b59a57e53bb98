import type { ServerSummary } from '../../../shared/accountSchemas';
import { AppFailure } from '../../../shared/errors';
import { normalizeServerUrl } from '../../../shared/serverAddress';
import type { SignInOptions } from '../../../shared/signInSchemas';
import type { Clock } from '../clock';
import { nodeCrypto } from '../nodeBuiltins';
import { fetchServerInfo } from '../usersApi/authApi';
import { fetchSignInSettings } from '../usersApi/signInApi';
import type { UsersApiClient } from '../usersApi/usersApiClient';
import { toServerSummary, type AccountRepository, type ServerRow } from './accountRepository';
import { findServer } from './serverProbe';
import { readWorkspaceSignIn, type WorkspaceSignIn } from './workspaceSignIn';

/** A workspace's sign-in settings change rarely; the screen reads them fresh, the sign-in reuses them this long. */
const workspaceFreshMs = 5 * 60_000;

export interface ServerRegistryDeps {
  repository: AccountRepository;
  clock: Clock;
  clientFor(server: { id: string; origin: string }): UsersApiClient;
}

/**
 * The servers the app knows: added by address (each address tried until one answers as a
 * users API server), listed by a managed install, and how each one signs people in.
 */
export class ServerRegistry {
  private readonly workspaces = new Map<string, { workspace: WorkspaceSignIn; at: number }>();

  constructor(private readonly deps: ServerRegistryDeps) {}

  async add(input: string): Promise<ServerSummary> {
    // Each address tried gets its own row; only the one that answers is saved.
    const rowFor = (origin: string): ServerRow => this.deps.repository.serverByOrigin(origin) ?? this.newRow(origin, null);
    const found = await findServer(input, (origin) => fetchServerInfo(this.deps.clientFor(rowFor(origin))));
    const row = rowFor(found.origin);
    row.version = found.version;
    row.name ??= new URL(found.origin).host;
    this.deps.repository.saveServer(row);
    return toServerSummary(row);
  }

  /** Adds the servers of a managed install that are not here yet (no network needed). */
  addManaged(servers: { name: string; url: string }[]): string[] {
    const problems: string[] = [];
    for (const server of servers) {
      try {
        const origin = normalizeServerUrl(server.url);
        if (!this.deps.repository.serverByOrigin(origin)) this.deps.repository.saveServer(this.newRow(origin, server.name));
      } catch (error) {
        problems.push(`${server.name}: ${(error as Error).message}`);
      }
    }
    return problems;
  }

  list(): ServerSummary[] {
    return this.deps.repository.servers().map(toServerSummary);
  }

  /** A server of the app by id; not-found when it is gone. */
  byId(id: string): ServerRow {
    const server = this.deps.repository.server(id);
    if (!server) throw new AppFailure('not-found', 'That server is no longer in the app. Add it again.');
    return server;
  }

  /** The release a server's /api/info named last; null when unknown (or the server is gone). */
  versionOf(serverId: string): string | null {
    return this.deps.repository.server(serverId)?.version ?? null;
  }

  /** How a workspace signs people in (its public settings), for the sign-in screen and the first request. */
  async signInOptions(serverId: string): Promise<SignInOptions> {
    return (await this.workspace(this.byId(serverId), true)).options;
  }

  /** The workspace's sign-in settings, read at most once every few minutes per server. */
  async workspace(server: ServerRow, fresh = false): Promise<WorkspaceSignIn> {
    const known = this.workspaces.get(server.id);
    if (!fresh && known && this.deps.clock.now() - known.at < workspaceFreshMs) return known.workspace;
    const workspace = readWorkspaceSignIn(server.id, server.origin, await fetchSignInSettings(this.deps.clientFor(server)));
    this.workspaces.set(server.id, { workspace, at: this.deps.clock.now() });
    return workspace;
  }

  /** A server not saved yet: its version is learned when it answers. */
  private newRow(origin: string, name: string | null): ServerRow {
    return { id: nodeCrypto().randomUUID(), origin, name, version: null, added_at: this.deps.clock.now() };
  }
}
