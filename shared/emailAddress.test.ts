import { describe, expect, it } from 'vitest';
import { emailAddressProblem } from './emailAddress';

describe('a new email address', () => {
  it('takes anything shaped like an address, around blanks', () => {
    expect(emailAddressProblem('ada@example.com')).toBeNull();
    expect(emailAddressProblem('  ada.l+work@mail.example.org ')).toBeNull();
  });

  it('refuses what cannot be an address', () => {
    for (const typed of ['', 'ada', 'ada@example', '@example.com', 'ada @example.com', 'ada@ex ample.com']) {
      expect(emailAddressProblem(typed)).toBe('Enter a valid email address.');
    }
  });
});
