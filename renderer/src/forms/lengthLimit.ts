/**
 * Length limits at the field (issue 13): every text input carries the contract's limit for
 * what it sends (shared/limits.ts). A longer value is marked on its field and the form does
 * not send (useFormFields), so the window never builds a call the core would refuse for
 * size — a 9 MiB paste stays in the field instead of travelling to the host.
 */

/** The field's words for a value over its limit, or null. Counts as the contract does (UTF-16 units). */
export function tooLong(value: string, limit: number): string | null {
  return value.length > limit ? `Too long: at most ${limit.toLocaleString('en')} characters.` : null;
}
