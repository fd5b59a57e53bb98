// The password policy (§4 step 10) and its public description (GET pw.getPolicy).
import { thrown } from '../http/envelope';
import type { Settings } from '../state/settings';

export interface PolicyFailure {
  error: string;
  message: string;
}

const fail = (rule: string, message: string): PolicyFailure => ({ error: `error-password-policy-not-met-${rule}`, message });

/** Every broken rule, in Rocket.Chat's order; empty when the password passes or the policy is off. */
export function policyFailures(s: Settings, password: string): PolicyFailure[] {
  if (!s.Accounts_Password_Policy_Enabled) return [];
  const out: PolicyFailure[] = [];
  if (s.Accounts_Password_Policy_MinLength >= 1 && password.length < s.Accounts_Password_Policy_MinLength) {
    out.push(fail('minLength', 'The password does not meet the minimum length password policy.'));
  }
  if (s.Accounts_Password_Policy_MaxLength >= 1 && password.length > s.Accounts_Password_Policy_MaxLength) {
    out.push(fail('maxLength', 'The password does not meet the maximum length password policy.'));
  }
  const repeat = s.Accounts_Password_Policy_ForbidRepeatingCharactersCount;
  if (s.Accounts_Password_Policy_ForbidRepeatingCharacters && repeat >= 1 && hasRun(password, repeat)) {
    out.push(fail('repeatingCharacters', 'The password contains repeating characters which is against the password policy.'));
  }
  if (s.Accounts_Password_Policy_AtLeastOneLowercase && !/[a-z]/.test(password)) {
    out.push(fail('oneLowercase', 'The password does not contain at least one lowercase character which is against the password policy.'));
  }
  if (s.Accounts_Password_Policy_AtLeastOneUppercase && !/[A-Z]/.test(password)) {
    out.push(fail('oneUppercase', 'The password does not contain at least one uppercase character which is against the password policy.'));
  }
  if (s.Accounts_Password_Policy_AtLeastOneNumber && !/[0-9]/.test(password)) {
    out.push(fail('oneNumber', 'The password does not contain at least one numerical character which is against the password policy.'));
  }
  if (s.Accounts_Password_Policy_AtLeastOneSpecialCharacter && !/[^A-Za-z0-9]/.test(password)) {
    out.push(fail('oneSpecial', 'The password does not contain at least one special character which is against the password policy.'));
  }
  return out;
}

/** More than `count` identical characters in a row breaks the rule. */
function hasRun(password: string, count: number): boolean {
  let run = 1;
  for (let i = 1; i < password.length; i++) {
    run = password[i] === password[i - 1] ? run + 1 : 1;
    if (run > count) return true;
  }
  return false;
}

export function assertPolicy(s: Settings, password: string): void {
  const failures = policyFailures(s, password);
  if (failures.length > 0) {
    throw thrown('error-password-policy-not-met', "The password provided does not meet the server's password policy.", failures);
  }
}

/** `{enabled, policy:[[key, params?], …]}` as GET pw.getPolicy returns it. */
export function describePolicy(s: Settings): { enabled: boolean; policy: [string, Record<string, number>?][] } {
  const policy: [string, Record<string, number>?][] = [];
  if (!s.Accounts_Password_Policy_Enabled) return { enabled: false, policy };
  if (s.Accounts_Password_Policy_MinLength >= 1) {
    policy.push(['get-password-policy-minLength', { minLength: s.Accounts_Password_Policy_MinLength }]);
  }
  if (s.Accounts_Password_Policy_MaxLength >= 1) {
    policy.push(['get-password-policy-maxLength', { maxLength: s.Accounts_Password_Policy_MaxLength }]);
  }
  if (s.Accounts_Password_Policy_ForbidRepeatingCharacters && s.Accounts_Password_Policy_ForbidRepeatingCharactersCount >= 1) {
    policy.push([
      'get-password-policy-forbidRepeatingCharactersCount',
      { forbidRepeatingCharactersCount: s.Accounts_Password_Policy_ForbidRepeatingCharactersCount },
    ]);
  }
  if (s.Accounts_Password_Policy_AtLeastOneLowercase) policy.push(['get-password-policy-mustContainAtLeastOneLowercase']);
  if (s.Accounts_Password_Policy_AtLeastOneUppercase) policy.push(['get-password-policy-mustContainAtLeastOneUppercase']);
  if (s.Accounts_Password_Policy_AtLeastOneNumber) policy.push(['get-password-policy-mustContainAtLeastOneNumber']);
  if (s.Accounts_Password_Policy_AtLeastOneSpecialCharacter) {
    policy.push(['get-password-policy-mustContainAtLeastOneSpecialCharacter']);
  }
  return { enabled: true, policy };
}
