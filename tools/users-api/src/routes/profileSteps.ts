// updateOwnBasicInfo steps 3–8 (§4): profile switch, editing permissions,
// identity (name/username), status, bio, nickname. Each step writes at once:
// nothing is rolled back when a later step fails.
import type { App } from '../app';
import { hasPermission } from '../auth/permissions';
import { thrown } from '../http/envelope';
import { chooseStatus } from '../state/presence';
import type { UserDoc } from '../state/types';

export interface ProfileData {
  email?: string;
  name?: string;
  username?: string;
  nickname?: string;
  bio?: string;
  statusType?: string;
  statusText?: string;
  currentPassword?: string;
  newPassword?: string;
}

const EDIT_DETAILS = { method: 'insertOrUpdateUser', action: 'Update_user' };
const notAllowedTo = (what: string) => thrown('error-action-not-allowed', `${what} is not allowed`, EDIT_DETAILS);
const isEditing = (current: unknown, next: unknown): boolean => next !== undefined && next !== current;

/** Step 3. */
export function assertProfileChangeAllowed(app: App): void {
  if (!app.settings.Accounts_AllowUserProfileChange) throw thrown('error-not-allowed', 'Not allowed', { method: 'saveUserProfile' });
}

/** Step 4 (validateUserEditing for oneself). */
export function assertEditingAllowed(app: App, user: UserDoc, data: ProfileData): void {
  const s = app.settings;
  const canEditOthers = hasPermission(app, user, 'edit-other-user-info');
  // Kept for fidelity; step 3 already answers when profile changes are off.
  if (!s.Accounts_AllowUserProfileChange && !canEditOthers && !hasPermission(app, user, 'edit-other-user-password')) {
    throw notAllowedTo('Edit user profile');
  }
  if (isEditing(user.username, data.username) && !s.Accounts_AllowUsernameChange) throw notAllowedTo('Edit username');
  if (isEditing(user.statusText, data.statusText) && !s.Accounts_AllowUserStatusMessageChange) throw notAllowedTo('Edit user status');
  if (isEditing(user.name, data.name) && !s.Accounts_AllowRealNameChange) throw notAllowedTo('Edit user real name');
  const currentEmail = user.emails?.[0]?.address;
  if (currentEmail !== undefined && isEditing(currentEmail, data.email) && !s.Accounts_AllowEmailChange) {
    throw notAllowedTo('Edit user email');
  }
  // Only someone without a password who must set one passes this with changes off — and is then
  // ignored without a word, as everyone without a bcrypt hash is (step 10).
  if (data.newPassword && !s.Accounts_AllowPasswordChange && (user.services.password !== undefined || !user.requirePasswordChange)) {
    throw notAllowedTo('Edit user password');
  }
}

export function blockedUsernames(app: App): string[] {
  const configured = app.settings.Accounts_BlockedUsernameList.split(',').map((u) => u.trim().toLowerCase());
  return [...configured.filter(Boolean), 'all', 'here'];
}

export const usernamePattern = (app: App): RegExp => new RegExp(`^${app.settings.UTF8_User_Names_Validation}$`);

export function blockedUsernameError(username: string) {
  return thrown('error-blocked-username', `${username} is blocked and can't be used!`, {
    method: 'checkUsernameAvailability',
    field: username,
  });
}

/** Taken by someone else (ignoring case) or by a team. */
export function usernameTaken(app: App, username: string, selfId: string): boolean {
  const other = app.store.byUsernameInsensitive(username);
  return (other !== undefined && other._id !== selfId) || app.store.isTeamName(username);
}

/** Step 5: every failure except the block list is the same opaque identity error. */
export function saveIdentity(app: App, user: UserDoc, data: ProfileData): void {
  const name = data.name?.trim();
  const username = data.username;
  if (!name && !username) return;
  const identityError = () => thrown('error-could-not-save-identity', 'Could not save user identity', { method: 'saveUserProfile' });
  if (username && username !== user.username) {
    if (user.federated) throw thrown('error-not-allowed', 'Not allowed', { method: 'saveUserIdentity' });
    if (!usernamePattern(app).test(username)) throw identityError();
    if (blockedUsernames(app).includes(username.toLowerCase())) throw blockedUsernameError(username);
    const caseOnly = user.username !== undefined && user.username.toLowerCase() === username.toLowerCase();
    if (!caseOnly && usernameTaken(app, username, user._id)) throw identityError();
    const previous = user.username;
    user.username = username;
    if (previous) app.store.renameInDirectMessages(previous, username);
    app.store.touch(user);
  }
  if (name && name !== user.name) {
    user.name = name;
    app.store.touch(user);
  }
}

/** Step 6: statusType is not validated by current code; the text is cut to 120 characters. */
export function saveStatus(app: App, user: UserDoc, data: ProfileData): void {
  if (data.statusText !== undefined) {
    if (!app.settings.Accounts_AllowUserStatusMessageChange) throw thrown('error-not-allowed', 'Not allowed', { method: 'setUserStatus' });
    user.statusText = data.statusText.slice(0, 120);
    app.store.touch(user);
  }
  if (data.statusType) {
    if (data.statusType === 'offline' && !app.settings.Accounts_AllowInvisibleStatusOption) {
      throw thrown('error-status-not-allowed', 'Invisible status is disabled', { method: 'setUserStatus' });
    }
    chooseStatus(user, data.statusType);
    user.statusSource = 'user';
    app.store.touch(user);
  }
}

/** Steps 7 and 8. */
export function saveBioAndNickname(app: App, user: UserDoc, data: ProfileData): void {
  if (data.bio !== undefined) {
    if (data.bio.length > 260) throw thrown('error-bio-size-exceeded', 'Bio size exceeds 260 characters', { method: 'setBio' });
    if (data.bio === '') delete user.bio;
    else user.bio = data.bio;
    app.store.touch(user);
  }
  // 7.x ignores an empty nickname; current code clears it.
  if (data.nickname !== undefined && !(data.nickname === '' && app.compat === 7)) {
    if (data.nickname.length > 120) {
      throw thrown('error-nickname-size-exceeded', 'Nickname size exceeds 120 characters', { method: 'setNickname' });
    }
    if (data.nickname === '') delete user.nickname;
    else user.nickname = data.nickname;
    app.store.touch(user);
  }
}
