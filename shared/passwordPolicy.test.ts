import { describe, expect, it } from 'vitest';
import { checkPolicy, passwordChangeProblems, readPolicy } from './passwordPolicy';

describe('password policy checklist', () => {
  const rules = readPolicy({
    enabled: true,
    policy: [
      ['get-password-policy-minLength', { minLength: 8 }],
      ['get-password-policy-forbidRepeatingCharactersCount', { forbidRepeatingCharactersCount: 2 }],
      ['get-password-policy-mustContainAtLeastOneUppercase'],
      ['get-password-policy-mustContainAtLeastOneNumber'],
      ['get-password-policy-mustContainAtLeastOneSpecialCharacter'],
    ],
  });

  it('reads the server format and ticks each rule as the password grows', () => {
    expect(rules.map((r) => r.rule)).toEqual([
      'minLength',
      'forbidRepeatingCharactersCount',
      'mustContainAtLeastOneUppercase',
      'mustContainAtLeastOneNumber',
      'mustContainAtLeastOneSpecialCharacter',
    ]);
    expect(checkPolicy(rules, 'aaa').map((c) => c.met)).toEqual([false, false, false, false, false]);
    expect(checkPolicy(rules, 'Abcdefg1!').every((c) => c.met)).toBe(true);
    expect(checkPolicy(rules, 'Abcdefg1!')[0]!.label).toBe('At least 8 characters');
  });

  it('treats a disabled or unreadable policy as no rules', () => {
    expect(readPolicy({ enabled: false, policy: [['get-password-policy-minLength', { minLength: 8 }]] })).toEqual([]);
    expect(readPolicy('nonsense')).toEqual([]);
    expect(checkPolicy([{ rule: 'somethingNew' }], 'x')).toEqual([{ rule: 'somethingNew', label: 'somethingNew', met: true }]);
  });
});

describe('a password change before it is sent', () => {
  const rules = readPolicy({ enabled: true, policy: [['get-password-policy-minLength', { minLength: 10 }]] });
  const change = { asksCurrent: true, currentPassword: 'old-password-1', newPassword: 'new-password-2', confirm: 'new-password-2' };

  it('passes a change that meets every rule, is confirmed and differs from the current password', () => {
    expect(passwordChangeProblems(rules, change)).toEqual({});
  });

  it('names each field that is missing, on that field', () => {
    expect(passwordChangeProblems(rules, { ...change, currentPassword: '', newPassword: '', confirm: '' })).toEqual({
      currentPassword: 'Enter your current password.',
      newPassword: 'Enter a new password.',
    });
  });

  it('refuses a new password that misses a rule, repeats the current one, or is not confirmed', () => {
    expect(passwordChangeProblems(rules, { ...change, newPassword: 'short', confirm: 'short' }).newPassword).toBe(
      'The new password does not meet every rule below yet.',
    );
    expect(passwordChangeProblems(rules, { ...change, newPassword: 'old-password-1', confirm: 'old-password-1' }).newPassword).toBe(
      'The new password is the same as your current one.',
    );
    expect(passwordChangeProblems(rules, { ...change, confirm: 'new-password-3' })).toEqual({
      confirm: 'The two new passwords are not the same.',
    });
  });

  it('asks for no current password, and compares with none, where the account confirms another way', () => {
    expect(passwordChangeProblems(rules, { ...change, asksCurrent: false, currentPassword: '' })).toEqual({});
    expect(passwordChangeProblems(rules, { ...change, asksCurrent: false, currentPassword: 'new-password-2' })).toEqual({});
  });
});
