import { describe, expect, it } from 'vitest';
import { checkPolicy, readPolicy } from './passwordPolicy';

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
