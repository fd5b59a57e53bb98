/**
 * The server's password policy (GET pw.getPolicy, docs/protocol.md §4 step 10) as a checklist
 * the person sees fill in while typing. Zod-free: the renderer evaluates it locally and
 * the core checks the same rules before sending, so a policy refusal costs no request
 * against the one-per-minute limit.
 */

export interface PolicyRule {
  /** The server's rule name without its prefix, e.g. `minLength`, `mustContainAtLeastOneNumber`. */
  rule: string;
  params?: Record<string, number>;
}

export interface PolicyCheck {
  rule: string;
  label: string;
  met: boolean;
}

/** `{enabled, policy:[[ 'get-password-policy-minLength', {minLength: 8} ], …]}` → rules. */
export function readPolicy(reply: unknown): PolicyRule[] {
  if (typeof reply !== 'object' || reply === null) return [];
  const { enabled, policy } = reply as { enabled?: unknown; policy?: unknown };
  if (enabled !== true || !Array.isArray(policy)) return [];
  return policy.flatMap((entry) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') return [];
    const params = typeof entry[1] === 'object' && entry[1] !== null ? (entry[1] as Record<string, number>) : undefined;
    return [{ rule: entry[0].replace(/^get-password-policy-/, ''), ...(params ? { params } : {}) }];
  });
}

function longestRun(text: string): number {
  let longest = 0;
  let run = 0;
  let previous = '';
  for (const char of text) {
    run = char === previous ? run + 1 : 1;
    previous = char;
    longest = Math.max(longest, run);
  }
  return longest;
}

export function checkPolicy(rules: PolicyRule[], password: string): PolicyCheck[] {
  const length = [...password].length;
  return rules.map(({ rule, params }) => {
    switch (rule) {
      case 'minLength':
        return { rule, label: `At least ${params?.minLength ?? 0} characters`, met: length >= (params?.minLength ?? 0) };
      case 'maxLength':
        return { rule, label: `At most ${params?.maxLength ?? 0} characters`, met: length <= (params?.maxLength ?? Infinity) };
      case 'forbidRepeatingCharactersCount':
        return {
          rule,
          label: `No character more than ${params?.forbidRepeatingCharactersCount ?? 0} times in a row`,
          met: longestRun(password) <= (params?.forbidRepeatingCharactersCount ?? Infinity),
        };
      case 'mustContainAtLeastOneLowercase':
        return { rule, label: 'A lowercase letter', met: /\p{Ll}/u.test(password) };
      case 'mustContainAtLeastOneUppercase':
        return { rule, label: 'An uppercase letter', met: /\p{Lu}/u.test(password) };
      case 'mustContainAtLeastOneNumber':
        return { rule, label: 'A digit', met: /\d/.test(password) };
      case 'mustContainAtLeastOneSpecialCharacter':
        return { rule, label: 'A symbol, such as ! or #', met: /[^\p{L}\p{N}\s]/u.test(password) };
      default:
        return { rule, label: rule, met: true }; // a rule this app does not know: the server judges it
    }
  });
}

/** The server's own rule names in a policy refusal (`error-password-policy-not-met-oneNumber`…) in words. */
export const policyFailureWords: Record<string, string> = {
  minLength: 'it is too short',
  maxLength: 'it is too long',
  repeatingCharacters: 'it repeats a character too many times in a row',
  oneLowercase: 'it needs a lowercase letter',
  oneUppercase: 'it needs an uppercase letter',
  oneNumber: 'it needs a digit',
  oneSpecial: 'it needs a symbol',
};

/** The fields of a password change, as typed. */
export interface PasswordChange {
  /** The account confirms with its current password: the form asks for it, and the new one must differ. */
  asksCurrent: boolean;
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * What is wrong with a password change before it is sent, per field: the checklist's rules
 * (`checkPolicy`), the current password where the account confirms with it, and the
 * confirmation. Empty when it may be sent.
 */
export function passwordChangeProblems(rules: PolicyRule[], change: PasswordChange): Partial<Record<keyof PasswordChange, string>> {
  const { asksCurrent, currentPassword, newPassword, confirm } = change;
  const problems: Partial<Record<keyof PasswordChange, string>> = {};
  if (asksCurrent && currentPassword === '') problems.currentPassword = 'Enter your current password.';
  if (newPassword === '') problems.newPassword = 'Enter a new password.';
  else if (checkPolicy(rules, newPassword).some((check) => !check.met))
    problems.newPassword = 'The new password does not meet every rule below yet.';
  else if (asksCurrent && newPassword === currentPassword) problems.newPassword = 'The new password is the same as your current one.';
  if (confirm !== newPassword) problems.confirm = 'The two new passwords are not the same.';
  return problems;
}
