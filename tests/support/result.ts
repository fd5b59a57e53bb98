import type { Result } from '../../shared/errors';

/** The value of a successful contract result; throws with the error otherwise. */
export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}
