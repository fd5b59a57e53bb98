import { describe, expect, it } from 'vitest';
import { addServerRequestSchema, signInRequestSchema } from './accountSchemas';
import { isBlank, missingWords, required } from './requiredFields';

describe('required fields', () => {
  it('says its words for an empty value, and for blanks where the contract trims', () => {
    const user = required(missingWords.signInUser);
    expect(user('')).toBe('Enter your username or email.');
    expect(user('  ')).toBe('Enter your username or email.');
    expect(user(' demouser ')).toBeNull();
  });

  it('takes a password as typed: blanks are a password', () => {
    const password = required(missingWords.signInPassword, { trims: false });
    expect(password('')).toBe('Enter your password.');
    expect(password('  ')).toBeNull();
  });

  it('tells blanks from text', () => {
    expect(isBlank(' \t')).toBe(true);
    expect(isBlank(' x ')).toBe(false);
  });

  it('words an empty field as the contract does when such a request reaches the core', () => {
    const signIn = signInRequestSchema.safeParse({ serverId: 's1', user: ' ', password: '' });
    expect(signIn.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['user', missingWords.signInUser],
      ['password', missingWords.signInPassword],
    ]);
    expect(addServerRequestSchema.safeParse({ url: '' }).error?.issues[0]?.message).toBe(missingWords.serverAddress);
  });
});
