import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import type { ServerRegistry } from './serverRegistry';

/**
 * Managed installs: an administrator drops a `servers.json` ({ "Name": "https://url" },
 * the format Rocket.Chat's desktop client reads) into the user-data folder or beside
 * the app, and those servers are added on first run. A broken file is reported, never fatal.
 */
const serversFileSchema = z.lazy(() => z.record(z.string().min(1).max(200), z.string().min(1).max(2048)));

export interface ManagedServer {
  name: string;
  url: string;
}

export type ManagedServersResult = { file: string; servers: ManagedServer[] } | { file: string; problem: string } | null;

export const managedServersFileName = 'servers.json';

export function readManagedServers(folders: string[]): ManagedServersResult {
  for (const folder of folders) {
    const file = path.join(folder, managedServersFileName);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // no file in this folder, the usual case: look in the next
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { file, problem: `${managedServersFileName} is not valid JSON (${(error as Error).message}).` };
    }
    const parsed = serversFileSchema.safeParse(json);
    if (!parsed.success) {
      return {
        file,
        problem: `${managedServersFileName} must map server names to addresses, like {"Team chat": "https://chat.example.com"}.`,
      };
    }
    return { file, servers: Object.entries(parsed.data).map(([name, url]) => ({ name, url })) };
  }
  return null;
}

/** Adds the servers a managed install lists; what About should say about its file, if anything is wrong with it. */
export function addManagedServers(folders: string[], servers: ServerRegistry): { file: string; problem: string } | undefined {
  const managed = readManagedServers(folders);
  if (!managed) return undefined;
  if ('problem' in managed) return { file: managed.file, problem: managed.problem };
  const problems = servers.addManaged(managed.servers);
  return problems.length > 0 ? { file: managed.file, problem: problems.join(' ') } : undefined;
}
