import { customField, fieldLimits, type EditField } from '../../../shared/profileEdits';
import type { ApiFailure } from '../usersApi/apiFailure';

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
    const target: [RegExp, EditField][] = [
      [/username/i, 'username'],
      [/real name/i, 'name'],
      [/status/i, 'statusType'],
    ];
    for (const [pattern, field] of target) {
      if (pattern.test(text) && has(field)) return { field, message: `The server does not let you change this: ${text}` };
    }
  }
  return null;
}
