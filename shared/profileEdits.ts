/**
 * The one codec of profile edit fields, shared by the renderer, the core and the outbox:
 * what a person may change on their own profile, how a field is named (`customFields.<key>`),
 * where it lives in a user document (`statusType` is the document's `status`), how edits
 * nest into a request and flatten into outbox rows, and the server's rules for each value
 * (docs/protocol.md §4) in plain words. Zod-free so the renderer checks as you type with
 * exactly the rules the core applies before anything is queued.
 *
 * Custom field keys are data from a person or a server: `constructor`, `toString` or
 * `__proto__` are ordinary keys here, so objects are read with Object.hasOwn and built
 * with Object.fromEntries (never `object[key] = value`, which would set a prototype).
 */

export const basicFields = ['name', 'username', 'nickname', 'bio', 'statusText', 'statusType'] as const;
export type BasicField = (typeof basicFields)[number];
const customPrefix = 'customFields.';
/** A custom field as an edit field: `customFields.<key>`. */
export type CustomField = `customFields.${string}`;
/** A basic field, or a custom field. */
export type EditField = BasicField | CustomField;
/** An edit as the outbox keeps it: one field, its new value. */
export interface FieldEdit {
  field: EditField;
  value: string;
}
/** Edits as the contract's `profile.edit` carries them: basic fields flat, custom fields nested. */
export type EditChanges = Partial<Record<Exclude<BasicField, 'statusType'>, string>> & {
  statusType?: StatusType;
  customFields?: Record<string, string>;
};

export const statusTypes = ['online', 'away', 'busy', 'offline'] as const;
export type StatusType = (typeof statusTypes)[number];

export const fieldLimits = {
  bio: 260,
  nickname: 120,
  statusText: 120,
  customField: 500,
  customFieldKey: 64,
  /**
   * Custom fields one edit may carry. A workspace configures a handful (each one is an entry
   * in the server's Accounts_CustomFields setting); 100 is far above any real set-up and keeps
   * the work of one edit small, whatever a caller sends.
   */
  customFieldsPerEdit: 100,
} as const;

/** A custom field key the app accepts: 1–64 characters, no dot (it would read as a path), no space. */
export const customFieldKeyPattern = /^[^.\s]{1,64}$/;

export function customField(key: string): CustomField {
  return `${customPrefix}${key}`;
}

export function isCustomField(field: string): field is CustomField {
  return field.startsWith(customPrefix);
}

/** The custom field's key, or null for a basic field. */
export function customKeyOf(field: EditField): string | null {
  return isCustomField(field) ? field.slice(customPrefix.length) : null;
}

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
  return customKeyOf(field) ?? fieldLabels[field as BasicField];
}

export function isEditField(field: string): field is EditField {
  return (
    (basicFields as readonly string[]).includes(field) ||
    (isCustomField(field) && customFieldKeyPattern.test(field.slice(customPrefix.length)))
  );
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
 * Where a basic field lives in a user document, by name — except the status a person chose,
 * which is `statusDefault`: `status` is what others see, worked out from live connections, and
 * reads `offline` for a client of the REST API alone (docs/protocol.md §6 "Status").
 */
export function documentKeyOf(field: BasicField): string {
  return field === 'statusType' ? 'statusDefault' : field;
}

/** True when the document says which status the person chose (`statusDefault`); older copies may only have `status`. */
export function hasChosenStatus(document: object): boolean {
  const chosen = ownValue(document, 'statusDefault');
  return typeof chosen === 'string' && chosen !== '';
}

/**
 * A field's value in a user document (/me, the cached profile, a profile shown in the
 * window) as edits compare it: absent and null are the empty string; the status is the chosen
 * one (`statusDefault`), or `status` in a document without it.
 */
export function editableValue(document: object, field: EditField): string {
  const key = customKeyOf(field);
  const raw =
    key !== null
      ? ownValue(ownValue(document, 'customFields'), key)
      : field === 'statusType' && !hasChosenStatus(document)
        ? ownValue(document, 'status')
        : ownValue(document, documentKeyOf(field as BasicField));
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

/** A copy of a user document with these edits applied (one pass, whatever the number of fields). */
export function withEdits<T extends object>(document: T, edits: readonly FieldEdit[]): T {
  const basic = edits.filter((edit) => !isCustomField(edit.field)).map((edit) => [documentKeyOf(edit.field as BasicField), edit.value]);
  const custom = edits.flatMap((edit) => {
    const key = customKeyOf(edit.field);
    return key === null ? [] : [[key, edit.value] as const];
  });
  const next = Object.fromEntries([...Object.entries(document), ...basic]) as T;
  if (custom.length === 0) return next;
  const existing = ownValue(document, 'customFields');
  const customFields = Object.fromEntries([...Object.entries(isRecord(existing) ? existing : {}), ...custom]);
  return Object.fromEntries([...Object.entries(next), ['customFields', customFields]]) as T;
}

/** `profile.edit`'s nested changes as one edit per field (names trimmed, as the server trims them). */
export function flattenChanges(changes: EditChanges): FieldEdit[] {
  const { customFields, ...basic } = changes;
  return [
    ...Object.entries(basic)
      .filter((entry): entry is [BasicField, string] => entry[1] !== undefined)
      .map(([field, value]) => ({ field, value: field === 'name' ? value.trim() : value })),
    ...Object.entries(customFields ?? {}).map(([key, value]) => ({ field: customField(key), value })),
  ];
}

/** Edits per field as `profile.edit`'s nested changes (the inverse of flattenChanges). */
export function nestChanges(edits: readonly FieldEdit[]): EditChanges {
  const custom = edits.flatMap((edit) => {
    const key = customKeyOf(edit.field);
    return key === null ? [] : [[key, edit.value] as const];
  });
  const basic = edits.filter((edit) => !isCustomField(edit.field)).map((edit) => [edit.field, edit.value]);
  return Object.fromEntries([...basic, ...(custom.length > 0 ? [['customFields', Object.fromEntries(custom)]] : [])]) as EditChanges;
}

/** Fields users.setStatus carries; the rest go through users.updateOwnBasicInfo. */
export const statusFields: readonly EditField[] = ['statusType', 'statusText'];

/** users.setStatus's body for status edits: `status` and `message`. */
export function statusBodyOf(edits: readonly FieldEdit[]): { status?: string; message?: string } {
  const status = edits.find((edit) => edit.field === 'statusType');
  const text = edits.find((edit) => edit.field === 'statusText');
  return { ...(status ? { status: status.value } : {}), ...(text ? { message: text.value } : {}) };
}

/**
 * users.updateOwnBasicInfo's body for basic edits: `data` with the changed fields, and
 * `customFields` complete (the server checks every configured field on each save, so the
 * ones not edited are sent as the server has them now).
 */
export function updateBodyOf(
  edits: readonly FieldEdit[],
  serverCustomFields: unknown,
): { data: Record<string, string>; customFields?: Record<string, unknown> } {
  const data = Object.fromEntries(edits.filter((edit) => !isCustomField(edit.field)).map((edit) => [edit.field, edit.value]));
  const custom = edits.flatMap((edit) => {
    const key = customKeyOf(edit.field);
    return key === null ? [] : [[key, edit.value] as const];
  });
  if (custom.length === 0) return { data };
  return { data, customFields: Object.fromEntries([...Object.entries(isRecord(serverCustomFields) ? serverCustomFields : {}), ...custom]) };
}

function ownValue(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
