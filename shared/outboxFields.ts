import { isPreferenceField, preferenceKeyOf, preferenceWords, specOf, type PreferenceField } from './preferences';
import { isEditField, labelOf, type EditField } from './profileEdits';

/** What an outbox row may hold: a profile field, or a preference (`preferences.<key>`). */
export type OutboxField = EditField | PreferenceField;

export function isOutboxField(field: string): field is OutboxField {
  return isEditField(field) || isPreferenceField(field);
}

/** The words for a queued field, in Activity and the conflict dialog. */
export function outboxFieldLabel(field: string): string {
  if (isPreferenceField(field)) return specOf(preferenceKeyOf(field)).label;
  return isEditField(field) ? labelOf(field) : field;
}

/** A queued value in words: a preference's as its option says; a profile field's as it is. */
export function outboxValueWords(field: string, value: string): string {
  return isPreferenceField(field) ? preferenceWords(preferenceKeyOf(field), value) : value;
}
