// Parameter helpers for handlers. Rocket.Chat's own validators check each route's
// parameters before its handler runs (validation/); these read what they passed.

/** Coerces like AJV `coerceTypes`: numbers/booleans become strings; objects fail. */
export function coerceString(value: unknown): string | null | undefined | false {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return false;
}

/** Parses a JSON query parameter (sort, selector); undefined when absent. */
export function jsonParam(value: string | undefined): { ok: true; value: unknown } | { ok: false } | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return { ok: true, value: JSON.parse(value) as unknown };
  } catch {
    return { ok: false };
  }
}
