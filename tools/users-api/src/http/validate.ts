// Tiny AJV look-alikes: the same messages Rocket.Chat's schemas produce (§0),
// with AJV's coercion of numbers and booleans to strings (§7).
import { isPlainObject } from './body';

/** Coerces like AJV `coerceTypes`: numbers/booleans become strings; objects fail. */
export function coerceString(value: unknown): string | null | undefined | false {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return false;
}

/**
 * anyOf over "exactly this key (+ extras)" branches, as users.info's schema:
 * each failing branch contributes one message, then "must match a schema in anyOf".
 * Returns undefined when a branch matches.
 */
export function anyOfSingleKey(params: Record<string, unknown>, keys: string[], extras: string[]): string[] | undefined {
  const messages: string[] = [];
  for (const key of keys) {
    if (!(key in params)) {
      messages.push(`must have required property '${key}'`);
      continue;
    }
    const allowed = new Set([key, ...extras]);
    if (Object.keys(params).some((k) => !allowed.has(k))) {
      messages.push('must NOT have additional properties');
      continue;
    }
    return undefined;
  }
  messages.push('must match a schema in anyOf');
  return messages;
}

/** First missing required property, AJV style. */
export function missingProperty(params: unknown, required: string[]): string | undefined {
  if (!isPlainObject(params)) return 'must be object';
  const missing = required.find((k) => !(k in params));
  return missing === undefined ? undefined : `must have required property '${missing}'`;
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
