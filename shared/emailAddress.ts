/**
 * An email address a person types as their new one, checked the way the core checks it before
 * asking the server (`security.changeEmail`): something@something.something, no spaces.
 * The server checks again with its own rule; this catches what cannot be an address at all.
 */
const shape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why the typed text cannot be an email address, in words; null when it may be one. */
export function emailAddressProblem(typed: string): string | null {
  return shape.test(typed.trim()) ? null : 'Enter a valid email address.';
}
