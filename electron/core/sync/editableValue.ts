import type { EditField } from '../../../shared/profileEdits';

/**
 * A field's value in a user document (/me or the cached profile) as the outbox compares
 * it: absent and null are the empty string, the status is `status`.
 */
export function editableValue(document: Record<string, unknown>, field: EditField): string {
  const raw = field.startsWith('customFields.')
    ? (document.customFields as Record<string, unknown> | null | undefined)?.[field.slice('customFields.'.length)]
    : document[field === 'statusType' ? 'status' : field];
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}
