import { describe, expect, it } from 'vitest';
import { codeShapeProblem, codeToSend, compactCode } from './twoFactorCode';

describe('second-factor codes as typed', () => {
  it('drops the spaces and dashes an app or an email shows', () => {
    expect(compactCode(' 123 456 ')).toBe('123456');
    expect(compactCode('123-456')).toBe('123456');
    expect(compactCode('a1b2-c3d4')).toBe('a1b2c3d4');
    expect(codeToSend('totp', 'A1B2 C3D4')).toBe('A1B2C3D4');
    expect(codeToSend('email', 'Your code: 123-456')).toBe('123456');
  });

  it('an emailed code is 6 digits, however it was pasted', () => {
    for (const typed of ['123456', '123-456', ' 123 456 ', 'Code: 123-456']) expect(codeShapeProblem('email', typed)).toBeNull();
    for (const typed of ['123', '1234567', 'abcdef', '12345']) {
      expect(codeShapeProblem('email', typed)).toBe('The code from the email has 6 digits.');
    }
  });

  it('an authenticator code is 6 digits, or an 8-character backup code', () => {
    for (const typed of ['123456', '123 456', 'a1b2c3d4', 'A1B2-C3D4']) expect(codeShapeProblem('totp', typed)).toBeNull();
    for (const typed of ['123', '12345a', '1234567', 'a1b2c3d4e']) {
      expect(codeShapeProblem('totp', typed)).toMatch(/^Enter the 6-digit code from your authenticator app/);
    }
  });

  it('nothing typed asks for the code', () => {
    expect(codeShapeProblem('totp', '  ')).toBe('Enter the code.');
    expect(codeShapeProblem('email', '')).toBe('Enter the code.');
  });
});
