import { describe, expect, it } from 'vitest';
import { checkChanges, checkField, isEditField } from './profileEdits';

describe('profile edit rules (docs/protocol.md §4)', () => {
  it('refuses names with < > \\ / even when URI-encoded, and empty names', () => {
    expect(checkField('name', 'Ann Lee')).toBeNull();
    expect(checkField('name', 'Ann <b>')).toMatch(/may not contain/);
    expect(checkField('name', 'Ann %2F Lee')).toMatch(/may not contain/);
    expect(checkField('name', '  ')).toBe('Name cannot be empty.');
  });

  it('takes usernames of letters, digits, dots, dashes and underscores, not reserved ones', () => {
    expect(checkField('username', 'ann.lee-2_x')).toBeNull();
    expect(checkField('username', 'ann lee')).toBe('Username may contain letters, digits, dots, dashes and underscores.');
    expect(checkField('username', 'ännа')).not.toBeNull();
    expect(checkField('username', 'HERE')).toMatch(/reserved/);
  });

  it('counts characters, not bytes, against the limits', () => {
    expect(checkField('bio', 'é'.repeat(260))).toBeNull();
    expect(checkField('bio', 'x'.repeat(261))).toBe('Bio may be at most 260 characters (this one has 261).');
    expect(checkField('nickname', '😀'.repeat(120))).toBeNull();
    expect(checkField('nickname', 'x'.repeat(121))).toMatch(/at most 120/);
    expect(checkField('statusText', 'x'.repeat(121))).toMatch(/at most 120/);
    expect(checkField('bio', '')).toBeNull();
  });

  it('knows the four statuses and names custom fields', () => {
    expect(checkField('statusType', 'busy')).toBeNull();
    expect(checkField('statusType', 'invisible')).toBe('Choose online, away, busy or offline.');
    expect(isEditField('customFields.twitter')).toBe(true);
    expect(isEditField('customFields.')).toBe(false);
    expect(isEditField('password')).toBe(false);
    expect(checkChanges({ name: 'x/y', bio: 'fine' })).toEqual({ name: 'Name may not contain <, >, \\ or /.' });
  });
});
