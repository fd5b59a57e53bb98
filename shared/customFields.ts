import { customFieldKeyPattern, fieldLimits } from './profileEdits';

// No zod here: the window imports this file, and a schema built at the top of a module brings
// zod into the window's start (P3). The contract's schema is in profileSchemas.ts.

/**
 * One custom field as the workspace defines it in `Accounts_CustomFields` (docs/protocol.md §4
 * step 11): a list (`select`) or free text, perhaps required, perhaps with length bounds.
 */
export interface CustomFieldDefinition {
  key: string;
  type: 'text' | 'select';
  required: boolean;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  /** The values a list allows, in the workspace's order. */
  options?: string[] | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;

/**
 * The definitions from the setting's value, a JSON text ('' when the workspace defines none).
 * Null when the setting was never read or cannot be read: then the app does not know which
 * fields the workspace keeps. Rocket.Chat treats every type but `select` as text, and checks
 * `maxLength`/`minLength` only when they are set (apps/meteor/server/lib/users/validateCustomFields.js).
 */
export function parseCustomFieldDefinitions(setting: unknown): CustomFieldDefinition[] | null {
  if (typeof setting !== 'string') return null;
  if (setting.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(setting);
  } catch {
    return null;
  }
  if (!isRecord(parsed)) return null;
  const definitions: CustomFieldDefinition[] = [];
  for (const [key, raw] of Object.entries(parsed)) {
    if (!customFieldKeyPattern.test(key) || !isRecord(raw) || definitions.length >= fieldLimits.customFieldsPerEdit) continue;
    const select = raw.type === 'select';
    const minLength = positive(raw.minLength);
    const maxLength = positive(raw.maxLength);
    definitions.push({
      key,
      type: select ? 'select' : 'text',
      required: raw.required === true,
      ...(minLength !== undefined && { minLength }),
      ...(maxLength !== undefined && { maxLength }),
      ...(select && { options: Array.isArray(raw.options) ? raw.options.filter((option) => typeof option === 'string') : [] }),
    });
  }
  return definitions;
}

/** The problem the workspace would find with this value, in plain words, or null when it takes it. */
export function checkCustomValue(definition: CustomFieldDefinition, value: string): string | null {
  const trimmed = value.trim();
  const name = `“${definition.key}”`;
  if (definition.required && trimmed === '') return `${name} is required on this workspace.`;
  if (definition.type === 'select' && !(definition.options ?? []).includes(value))
    return `Choose one of this workspace's values for ${name}: ${(definition.options ?? []).join(', ')}.`;
  if (definition.maxLength !== undefined && trimmed.length > definition.maxLength)
    return `${name} may be at most ${definition.maxLength} characters on this workspace (this one has ${trimmed.length}).`;
  if (definition.minLength !== undefined && trimmed.length > 0 && trimmed.length < definition.minLength)
    return `${name} needs at least ${definition.minLength} characters on this workspace.`;
  return null;
}

/** Why the server kept no value the app sent for a field (the history and the notice say it). */
export function notKeptReason(key: string, definitions: CustomFieldDefinition[] | null | undefined): string {
  return definitions && !definitions.some((definition) => definition.key === key)
    ? `Not kept: the workspace has no field “${key}”.`
    : `Not kept: the server did not keep the value of “${key}”.`;
}
