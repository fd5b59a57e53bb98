import { customField, fieldLimits, type EditField } from '../../../shared/profileEdits';
import { ApiFailure } from '../usersApi/apiFailure';

/**
 * Which edited field a refusal of users.updateOwnBasicInfo / users.setStatus is about
 * (docs/protocol.md §4 steps), with the words to show next to it. Null when the server's
 * answer does not name a field: then every field of the request carries the message.
 */
export function fieldOfFailure(failure: ApiFailure, sent: EditField[]): { field: EditField; message: string } | null {
  const code = failure.details.serverCode ?? '';
  const text = failure.message;
  const has = (field: EditField) => sent.includes(field);
  if (code === 'error-could-not-save-identity') {
    if (has('username')) return { field: 'username', message: 'That username is taken or not allowed on this server.' };
    if (has('name')) return { field: 'name', message: 'The server would not save this name.' };
  }
  if (code === 'error-blocked-username' && has('username'))
    return { field: 'username', message: 'That username is blocked on this server.' };
  if (/Name contains invalid characters/i.test(text) && has('name'))
    return { field: 'name', message: 'Name may not contain <, >, \\ or /.' };
  if (code === 'error-bio-size-exceeded' && has('bio'))
    return { field: 'bio', message: `Bio may be at most ${fieldLimits.bio} characters.` };
  if (code === 'error-nickname-size-exceeded' && has('nickname'))
    return { field: 'nickname', message: `Nickname may be at most ${fieldLimits.nickname} characters.` };
  if (code === 'error-status-not-allowed' && has('statusType'))
    return { field: 'statusType', message: 'This server does not allow the invisible (offline) status.' };
  if (code === 'error-user-registration-custom-field') {
    const named = /field (\S+)/i.exec(text)?.[1];
    const field = named ? customField(named) : undefined;
    if (field && has(field)) return { field, message: `${text}.`.replace(/\.\.$/, '.') };
  }
  if (code === 'error-action-not-allowed' || code === 'error-not-allowed') {
    const target: [RegExp, EditField, string][] = [
      [/username/i, 'username', 'This workspace does not allow changing your username.'],
      [/real name/i, 'name', 'This workspace does not allow changing your name.'],
      [/status/i, 'statusText', 'This workspace does not allow changing your status message.'],
      [/status/i, 'statusType', 'This workspace does not allow changing your status.'],
    ];
    for (const [pattern, field, words] of target) {
      if (pattern.test(text) && has(field)) return { field, message: words };
    }
  }
  return null;
}

/** The words for a refusal that names no field: profile changes switched off say so (docs/protocol.md §4 step 3). */
export function refusalWords(failure: ApiFailure): string {
  return failure.details.serverCode === 'error-not-allowed' && /^Not allowed$/i.test(failure.message)
    ? 'This workspace does not allow changing your profile.'
    : failure.message;
}

/**
 * users.checkUsernameAvailability refusing the question itself (docs/protocol.md §4 step 5):
 * the workspace forbids new usernames, the name is blocked, or empty. A refusal lasts, so the
 * edit fails on that field (so does a 403). Null for a failure worth asking again (no answer,
 * a failing or limiting server, an ended session).
 */
export function usernameRefusal(failure: unknown): string | null {
  if (!(failure instanceof ApiFailure)) return null;
  if (failure.code === 'unauthorized' && failure.details.status === 403) return 'The server does not let this account change its username.';
  if (failure.code !== 'validation') return null;
  switch (failure.details.serverCode) {
    case 'error-not-allowed':
      return 'This workspace does not allow changing your username.';
    case 'error-blocked-username':
      return 'That username is blocked on this server.';
    case 'error-invalid-username':
      return 'Enter a username.';
    default:
      return `The server refused this username: ${failure.message}`;
  }
}
