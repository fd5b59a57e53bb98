// users.list, users.autocomplete, directory, users.checkUsernameAvailability (§6).
import { hasPermission } from '../auth/permissions';
import { forbidden, plain, thrown } from '../http/envelope';
import { compareBy, pageOf, parseSort, slicePage } from '../http/paging';
import { caller, ok } from '../http/router';
import type { RequestContext, RouteDef } from '../http/router';
import { jsonParam } from '../http/validate';
import type { UserDoc } from '../state/types';
import { blockedUsernameError, blockedUsernames, usernamePattern, usernameTaken } from './profileSteps';

const pickDefined = (user: UserDoc, fields: (keyof UserDoc)[]): Record<string, unknown> =>
  Object.fromEntries(fields.filter((f) => user[f] !== undefined).map((f) => [f, structuredClone(user[f])]));

const contains = (text: string) => {
  const needle = text.toLowerCase();
  return (u: UserDoc) => (u.username ?? '').toLowerCase().includes(needle) || (u.name ?? '').toLowerCase().includes(needle);
};

/** What users.list projects by default; the caller's own `fields` may add to it (getNonEmptyFields, getInclusiveFields). */
const LISTED_FIELDS = ['name', 'username', 'emails', 'roles', 'status', 'active', 'avatarETag', 'lastLogin', 'type'];
/** Never selectable without view-full-other-user-info (API.v1.limitedUserFieldsToExclude). */
const LIMITED_FIELDS = new Set([
  'avatarOrigin',
  'emails',
  'phone',
  'statusConnection',
  'createdAt',
  'lastLogin',
  'services',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'roles',
  'statusDefault',
  '_updatedAt',
  'settings',
  'inviteToken',
]);
/** Never selectable even with it (limitedUserFieldsToExcludeIfIsPrivilegedUser, defaultFieldsToExclude). */
const SECRET_FIELDS = new Set(['services', 'inviteToken', 'joinCode', 'members', 'importIds', 'e2e']);

/**
 * `fields` as parseJsonQuery reads it: always on 7.x, on 8.x only with
 * ALLOW_UNSAFE_QUERY_AND_FIELDS_API_PARAMS; fields the caller may not see are dropped silently.
 */
function selectedFields(ctx: RequestContext, full: boolean): string[] {
  const raw = ctx.query.fields;
  if (raw === undefined || raw === '' || (ctx.app.compat === 8 && !ctx.app.unsafeQueryParams)) return [];
  const parsed = jsonParam(raw);
  const value = parsed?.ok ? parsed.value : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => v !== 0 && v !== 1)) {
    throw thrown('error-invalid-fields', `Invalid fields parameter provided: "${raw}"`, { helperMethod: 'parseJsonQuery' });
  }
  return Object.entries(value as Record<string, 0 | 1>)
    .filter(([key, v]) => v === 1 && !SECRET_FIELDS.has(key.split('.')[0]!) && (full || !LIMITED_FIELDS.has(key.split('.')[0]!)))
    .map(([key]) => key);
}

function usersList(ctx: RequestContext) {
  const { app, query } = ctx;
  const me = caller(ctx);
  if (app.settings['API_Apply_permission_view-outside-room_on_users-list'] && !hasPermission(app, me, 'view-outside-room')) {
    throw forbidden();
  }
  const full = hasPermission(app, me, 'view-full-other-user-info');
  const sort = parseSort(query.sort) ?? { username: 1 };
  // As the real aggregation: $match, then $project (default fields, less what the caller may not see, plus `fields`).
  const fields = [
    '_id',
    ...LISTED_FIELDS.filter((f) => full || !LIMITED_FIELDS.has(f)),
    ...selectedFields(ctx, full).filter((f) => !LISTED_FIELDS.includes(f)),
  ];
  let users = app.store.allUsers();
  if (query.email !== undefined) {
    if (!full) throw forbidden();
    const wanted = query.email.toLowerCase();
    users = users.filter((u) => u.emails?.some((e) => e.address.toLowerCase() === wanted));
  }
  // $sort comes after $project: a key that was not projected is missing on every row and orders nothing.
  const projected = new Set(fields);
  const valueOf = (u: UserDoc, field: string): unknown =>
    field === 'nameInsensitive'
      ? u.name?.toLowerCase()
      : projected.has(field)
        ? (u as unknown as Record<string, unknown>)[field]
        : undefined;
  const keys: Record<string, 1 | -1> = { ...sort };
  if (sort.status) keys.active = sort.status;
  if (sort.name) keys.nameInsensitive = sort.name;
  const comparators = Object.entries(keys).map(([field, direction]) => compareBy((u: UserDoc) => valueOf(u, field), direction));
  users.sort((a, b) => {
    for (const compare of comparators) {
      const by = compare(a, b);
      if (by !== 0) return by;
    }
    return 0;
  });
  const page = pageOf(app.settings, query);
  const items = slicePage(users, page).map((u) => ({
    ...pickDefined(u, fields as (keyof UserDoc)[]),
    ...(u.name !== undefined && { nameInsensitive: u.name.toLowerCase() }),
  }));
  return ok({ users: items, count: items.length, offset: page.offset, total: users.length });
}

function autocomplete(ctx: RequestContext) {
  const { app, query } = ctx;
  const me = caller(ctx);
  // The validator has made sure `selector` is there (validation/routeParams.ts).
  const selector = jsonParam(query.selector) ?? { ok: false };
  if (!selector.ok || typeof selector.value !== 'object' || selector.value === null) {
    throw thrown('error-invalid-params', 'The selector param must be a JSON object');
  }
  const term = String((selector.value as Record<string, unknown>).term ?? '');
  const contacts = new Set(
    app.store
      .subscriptionsOf(me._id)
      .filter((s) => s.t === 'd')
      .map((s) => s.name),
  );
  const matches = app.store
    .allUsers()
    .filter((u) => u.active && u.username && u._id !== me._id && u.type !== 'app')
    .filter(contains(term));
  // §6: DM contacts first.
  matches.sort(
    (a, b) =>
      Number(contacts.has(b.username ?? '')) - Number(contacts.has(a.username ?? '')) || compareBy((u: UserDoc) => u.username, 1)(a, b),
  );
  const items = matches
    .slice(0, 10)
    .map((u) => ({ ...pickDefined(u, ['_id', 'name', 'username', 'nickname', 'avatarETag']), status: u.status ?? 'offline' }));
  return ok({ items });
}

const DIRECTORY_SORT_FIELDS = ['name', 'username', 'createdAt'];

function directory(ctx: RequestContext) {
  const { app, query } = ctx;
  const me = caller(ctx);
  const sort = parseSort(query.sort);
  if (sort && Object.keys(sort).length > 1) throw plain('This method support only one "sort" parameter');
  const [sortBy, direction] = Object.entries(sort ?? { username: 1 })[0] ?? ['username', 1];
  const verify = () => plain('Please verify the parameters');
  if (query.type !== 'users') throw verify();
  if (!hasPermission(app, me, 'view-outside-room') || !hasPermission(app, me, 'view-d-room')) throw verify();
  if (!DIRECTORY_SORT_FIELDS.includes(sortBy)) throw verify();
  const local = (query.workspace ?? 'local') !== 'all';
  const full = hasPermission(app, me, 'view-full-other-user-info');
  const users = app.store
    .allUsers()
    .filter((u) => u.active && u.username && u.username !== me.username && u.type !== 'app' && !(local && u.federated))
    .filter(contains(query.text ?? ''));
  users.sort(compareBy((u: UserDoc) => (u as unknown as Record<string, unknown>)[sortBy], direction === 1 ? 1 : -1));
  const page = pageOf(app.settings, query);
  const fields: (keyof UserDoc)[] = ['_id', 'username', 'name', 'nickname', 'bio', 'createdAt', 'avatarETag'];
  if (full) fields.push('emails');
  const result = slicePage(users, page).map((u) => pickDefined(u, fields));
  return ok({ result, count: result.length, offset: page.offset, total: users.length });
}

/** checkUsernameAvailabilityWithValidation (apps/meteor/server/lib/users/checkUsernameAvailability.ts). */
function checkUsernameAvailability(ctx: RequestContext) {
  const { app, query } = ctx;
  const me = caller(ctx);
  const username = query.username ?? '';
  if (username === '') throw thrown('error-invalid-username', 'Invalid username', { method: 'setUsername' });
  // Someone who has a username may not pick another while the workspace forbids it: a refusal, not "taken".
  if (me.username && !app.settings.Accounts_AllowUsernameChange)
    throw thrown('error-not-allowed', 'Not allowed', { method: 'setUsername' });
  if (me.username === username) return ok({ result: true });
  if (blockedUsernames(app).includes(username.toLowerCase())) throw blockedUsernameError(username);
  const caseOnly = me.username?.toLowerCase() === username.toLowerCase();
  const result = usernamePattern(app).test(username) && (caseOnly || !usernameTaken(app, username, me._id));
  return ok({ result });
}

export const listRoutes: RouteDef[] = [
  { method: 'GET', path: '/api/v1/users.list', auth: 'required', permissions: ['view-d-room'], handler: usersList },
  { method: 'GET', path: '/api/v1/users.autocomplete', auth: 'required', handler: autocomplete },
  { method: 'GET', path: '/api/v1/directory', auth: 'required', handler: directory },
  { method: 'GET', path: '/api/v1/users.checkUsernameAvailability', auth: 'required', handler: checkUsernameAvailability },
];
