/**
 * What a person may change on their own profile, and the server's rules for it
 * (docs/protocol.md §4), in plain words. Zod-free so the renderer checks as you type with
 * exactly the rules the core applies before anything is queued.
 */

export const basicFields = ['name', 'username', 'nickname', 'bio', 'statusText', 'statusType'] as const;
export type BasicField = (typeof basicFields)[number];
/** A basic field, or `customFields.<name>`. */
export type EditField = BasicField | `customFields.${string}`;

export const statusTypes = ['online', 'away', 'busy', 'offline'] as const;
export type StatusType = (typeof statusTypes)[number];

export const fieldLimits = { bio: 260, nickname: 120, statusText: 120, customField: 500 } as const;

/** Names the server keeps for itself (its block list always holds these). */
const reservedUsernames = ['all', 'here'];

const fieldLabels: Record<BasicField, string> = {
  name: 'Name',
  username: 'Username',
  nickname: 'Nickname',
  bio: 'Bio',
  statusText: 'Status text',
  statusType: 'Status',
};

export function labelOf(field: EditField): string {
  return field.startsWith('customFields.') ? field.slice('customFields.'.length) : fieldLabels[field as BasicField];
}

export function isEditField(field: string): field is EditField {
  return (basicFields as readonly string[]).includes(field) || /^customFields\.[^.\s]{1,64}$/.test(field);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const tooLong = (what: string, limit: number, length: number) => `${what} may be at most ${limit} characters (this one has ${length}).`;

/** The problem with a value, in plain words, or null when the server will take it. */
export function checkField(field: EditField, value: string): string | null {
  const length = [...value].length;
  switch (field) {
    case 'name':
      if (value.trim() === '') return 'Name cannot be empty.';
      if (/[<>\\/]/.test(value) || /[<>\\/]/.test(decoded(value))) return 'Name may not contain <, >, \\ or /.';
      return null;
    case 'username':
      if (value === '') return 'Username cannot be empty.';
      if (!/^[0-9a-zA-Z\-_.]+$/.test(value)) return 'Username may contain letters, digits, dots, dashes and underscores.';
      if (reservedUsernames.includes(value.toLowerCase())) return `“${value}” is reserved by the server and can't be used.`;
      return null;
    case 'nickname':
      return length > fieldLimits.nickname ? tooLong('Nickname', fieldLimits.nickname, length) : null;
    case 'bio':
      return length > fieldLimits.bio ? tooLong('Bio', fieldLimits.bio, length) : null;
    case 'statusText':
      return length > fieldLimits.statusText ? tooLong('Status text', fieldLimits.statusText, length) : null;
    case 'statusType':
      return (statusTypes as readonly string[]).includes(value) ? null : 'Choose online, away, busy or offline.';
    default:
      return length > fieldLimits.customField ? tooLong(labelOf(field), fieldLimits.customField, length) : null;
  }
}

/** Every problem of a set of changes, by field; empty when all are fine. */
export function checkChanges(changes: Partial<Record<EditField, string>>): Partial<Record<EditField, string>> {
  const problems: Partial<Record<EditField, string>> = {};
  for (const [field, value] of Object.entries(changes) as [EditField, string][]) {
    const problem = checkField(field, value);
    if (problem) problems[field] = problem;
  }
  return problems;
}

/**
 * A field's value in a user document (/me, the cached profile, a profile shown in the
 * window) as edits compare it: absent and null are the empty string, the status is `status`.
 */
export function editableValue(document: object, field: EditField): string {
  const record = document as Record<string, unknown>;
  const raw = field.startsWith('customFields.')
    ? (record.customFields as Record<string, unknown> | null | undefined)?.[field.slice('customFields.'.length)]
    : record[field === 'statusType' ? 'status' : field];
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}
