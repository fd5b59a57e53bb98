// getUserFromParams: `userId | username | user` in a query or body (§6).
import type { App } from '../app';
import { thrown } from '../http/envelope';
import type { UserDoc } from '../state/types';

export function hasUserParam(params: Record<string, unknown>): boolean {
  return ['userId', 'username', 'user'].some((k) => typeof params[k] === 'string' && params[k] !== '');
}

export function userFromParams(app: App, params: Record<string, unknown>): UserDoc {
  const str = (k: string): string | undefined => (typeof params[k] === 'string' && params[k] !== '' ? (params[k] as string) : undefined);
  const userId = str('userId');
  const username = str('username') ?? str('user');
  let user: UserDoc | undefined;
  if (userId !== undefined) user = app.store.byId(userId);
  else if (username !== undefined) user = app.store.byUsernameExact(username);
  else throw thrown('error-user-param-not-provided', 'The required "userId" or "username" param was not provided');
  if (!user) throw thrown('error-invalid-user', 'The required "userId" or "username" param provided does not match any users');
  return user;
}
