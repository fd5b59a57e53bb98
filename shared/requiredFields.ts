/**
 * What a form says when something it needs is empty. The contract's schemas give the same
 * words when such a request reaches the core, so the window and the core say it alike.
 * Zod-free: the renderer checks with these as the person submits.
 */
export const missingWords = {
  serverAddress: 'Enter the server address.',
  signInUser: 'Enter your username or email.',
  signInPassword: 'Enter your password.',
  signInCode: 'Enter the code.',
  lookupValue: 'Enter what to look up.',
  accessTokenUserId: 'Enter your user ID.',
  accessToken: 'Enter the access token.',
} as const;

/** Nothing but blanks: a field a form cannot send (its button may wait for more). */
export function isBlank(value: string): boolean {
  return value.trim() === '';
}

/**
 * A rule: `words` when the value is empty. Where the contract trims a value (names, codes,
 * addresses), blanks count as empty too; a password is taken as typed, so `trims: false`.
 */
export function required(words: string, { trims = true }: { trims?: boolean } = {}): (value: string) => string | null {
  return (value) => ((trims ? isBlank(value) : value === '') ? words : null);
}
