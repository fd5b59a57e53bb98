// Role-based permissions (Rocket.Chat's default role assignments for the ones
// the users API consults). A seed may replace the table.
import type { App } from '../app';
import type { UserDoc } from '../state/types';

export function defaultPermissions(): Record<string, string[]> {
  return {
    'view-full-other-user-info': ['admin'],
    'view-other-user-channels': ['admin'],
    'edit-other-user-info': ['admin'],
    'edit-other-user-avatar': ['admin'],
    'logout-other-user': ['admin'],
    'api-bypass-rate-limit': ['admin', 'bot', 'app'],
    'view-d-room': ['admin', 'owner', 'moderator', 'user', 'bot', 'app', 'guest'],
    'view-outside-room': ['admin', 'owner', 'moderator', 'user', 'bot', 'app'],
    'view-statistics': ['admin'],
    'create-personal-access-tokens': ['admin', 'user'],
  };
}

export function hasPermission(app: App, user: UserDoc | undefined, permission: string): boolean {
  if (!user) return false;
  const roles = app.permissions[permission] ?? [];
  return user.roles.some((role) => roles.includes(role));
}
