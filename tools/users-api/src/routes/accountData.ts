// A username for an account that has none yet, and "download my data"
// (apps/meteor/server/api/v1/users.ts: users.getUsernameSuggestion, users.requestDataDownload;
// apps/meteor/server/lib/users/getUsernameSuggestion.ts;
// apps/meteor/server/meteor-methods/platform/requestDataDownload.ts).
import type { App } from '../app';
import { plain } from '../http/envelope';
import { caller, ok } from '../http/router';
import type { RouteDef } from '../http/router';
import { randomId } from '../ids';
import type { UserDoc } from '../state/types';

/** limax(text, { replacement: '.' }) for the Latin names of the seed: accents dropped, words joined by dots. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^0-9a-z]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .replace(/[^0-9a-z-_.]/g, '');
}

function usernameIsAvailable(app: App, username: string): boolean {
  if (username.length === 0 || username === 'all') return false;
  return app.store.byUsernameInsensitive(username) === undefined;
}

/**
 * generateUsernameSuggestion: the name, first initial + last name, first name + last initial,
 * then each verified address's local part and "local.domain"; the first that is free. Otherwise
 * the first candidate (or Accounts_DefaultUsernamePrefixSuggestion) with "-<n>", n counting up
 * from the number of usernames that already look like that. Rocket.Chat also reads
 * `user.services` when it is an array, which a user document's services never are.
 */
export function usernameSuggestion(app: App, user: UserDoc): string | undefined {
  const named = (text: string) => (app.settings.UTF8_Names_Slugify ? slug(text) : text);
  let candidates: string[] = [];
  if (user.name) {
    candidates.push(named(user.name));
    const parts = user.name.split(' ');
    if (parts.length > 1) {
      const first = parts[0]!;
      const last = parts[parts.length - 1]!;
      candidates.push(named(`${first[0] ?? ''}${last}`), named(`${first}${last[0] ?? ''}`));
    }
    candidates.push(named(user.name));
  }
  for (const email of user.emails ?? []) {
    if (!email.address || email.verified !== true) continue;
    candidates.push(slug(email.address.replace(/@.+$/, '')), slug(email.address.replace(/(.+)@(\w+).+/, '$1.$2')));
  }
  candidates = candidates.filter((c) => c);
  const free = candidates.find((c) => usernameIsAvailable(app, c));
  if (free) return free;
  candidates.push(app.settings.Accounts_DefaultUsernamePrefixSuggestion);
  const base = candidates[0]!;
  const numbered = new RegExp(`^${base}-[0-9]+`);
  let index = app.store.allUsers().filter((u) => u.username !== undefined && numbered.test(u.username)).length;
  while (!usernameIsAvailable(app, `${base}-${index}`)) index++;
  return `${base}-${index}`;
}

interface ExportOperation {
  _id: string;
  userId: string;
  fullExport: boolean;
  status: 'pending' | 'completed';
  createdAt: Date;
  _updatedAt: Date;
  exportPath: string;
  assetsPath: string;
  fileList: unknown[];
  userNameTable: Record<string, string>;
}

/** ExportOperations, per server. This server has no export worker: an operation stays pending. */
const operations = new WeakMap<App, ExportOperation[]>();

function operationsOf(app: App): ExportOperation[] {
  let list = operations.get(app);
  if (!list) operations.set(app, (list = []));
  return list;
}

/**
 * requestDataDownload: an operation of the same kind (full or messages only) made in the last
 * day is answered again with `requested: false`; otherwise a new one is queued. Either way the
 * reply counts the operations still waiting that were made before it.
 */
function requestDataDownload(app: App, user: UserDoc, fullExport: boolean) {
  const list = operationsOf(app);
  const last = list
    .filter((op) => op.userId === user._id && op.fullExport === fullExport)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const now = app.clock.date();
  const requestDay = last ? last.createdAt : now;
  const pendingOperationsBeforeMyRequest = list.filter((op) => op.status !== 'completed' && op.createdAt < requestDay).length;
  const yesterday = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  if (last && last.createdAt > yesterday) {
    return { requested: false, exportOperation: last, url: null, pendingOperationsBeforeMyRequest };
  }
  const _id = randomId();
  const exportPath = `/tmp/userData/${_id}`;
  const operation: ExportOperation = {
    _id,
    userId: user._id,
    fullExport,
    status: 'pending',
    createdAt: now,
    _updatedAt: now,
    exportPath,
    assetsPath: `${exportPath}/assets`,
    fileList: [],
    userNameTable: {},
  };
  list.push(operation);
  return { requested: true, exportOperation: operation, url: null, pendingOperationsBeforeMyRequest };
}

export const accountDataRoutes: RouteDef[] = [
  {
    method: 'GET',
    path: '/api/v1/users.getUsernameSuggestion',
    auth: 'required',
    userWithoutUsername: true,
    handler: (ctx) => {
      const result = usernameSuggestion(ctx.app, caller(ctx));
      // 8.x answers an empty suggestion with a failure; 7.x sent `success` without `result`.
      if (!result && ctx.app.compat !== 7) throw plain('No username suggestion found');
      return ok({ result });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/users.requestDataDownload',
    auth: 'required',
    // Rocket.Chat's route does not read UserData_EnableDownload: its web client hides the button.
    handler: (ctx) => ok(requestDataDownload(ctx.app, caller(ctx), ctx.query.fullExport === 'true')),
  },
];
