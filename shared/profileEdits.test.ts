import { describe, expect, it } from 'vitest';
import {
  checkChanges,
  checkField,
  customField,
  customKeyOf,
  editableValue,
  hasChosenStatus,
  flattenChanges,
  isCustomField,
  isEditField,
  nestChanges,
  statusBodyOf,
  statusFields,
  updateBodyOf,
  withEdits,
} from './profileEdits';

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

describe('the edit field codec', () => {
  it('names custom fields with their prefix and reads the key back', () => {
    expect(customField('twitter')).toBe('customFields.twitter');
    expect(customKeyOf('customFields.twitter')).toBe('twitter');
    expect(customKeyOf('bio')).toBeNull();
    expect(isCustomField('customFields.x')).toBe(true);
    expect(isCustomField('name')).toBe(false);
  });

  it('flattens the nested changes of profile.edit into one edit per field, and nests them back', () => {
    const changes = { name: '  Ann  ', statusType: 'away' as const, customFields: { twitter: '@ann', department: 'Sales' } };
    const edits = flattenChanges(changes);
    expect(edits).toEqual([
      { field: 'name', value: 'Ann' },
      { field: 'statusType', value: 'away' },
      { field: 'customFields.twitter', value: '@ann' },
      { field: 'customFields.department', value: 'Sales' },
    ]);
    expect(nestChanges(edits)).toEqual({ name: 'Ann', statusType: 'away', customFields: { twitter: '@ann', department: 'Sales' } });
  });

  it('reads and writes the chosen status as statusDefault, never the status others see', () => {
    // What /me says of someone who chose "away" and uses no realtime client: status offline.
    const document = { status: 'offline', statusDefault: 'away', name: 'Ann', customFields: { twitter: '@ann' } };
    expect(editableValue(document, 'statusType')).toBe('away');
    expect(hasChosenStatus(document)).toBe(true);
    expect(withEdits(document, [{ field: 'statusType', value: 'busy' }])).toEqual({ ...document, statusDefault: 'busy' });
    expect(document.statusDefault).toBe('away'); // a copy, not a change in place
    // A copy from a server that did not say what was chosen: `status` is all there is.
    const older = { status: 'online' };
    expect(editableValue(older, 'statusType')).toBe('online');
    expect(hasChosenStatus(older)).toBe(false);
    expect(editableValue(withEdits(older, [{ field: 'statusType', value: 'busy' }]), 'statusType')).toBe('busy');
  });

  it('treats keys such as constructor, toString and __proto__ as ordinary custom fields', () => {
    const odd = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
    const profile = { customFields: {} };
    for (const key of odd) expect(editableValue(profile, customField(key))).toBe('');
    const edits = odd.map((key) => ({ field: customField(key), value: `v-${key}` }));
    const updated = withEdits(profile, edits);
    for (const key of odd) expect(editableValue(updated, customField(key))).toBe(`v-${key}`);
    expect(Object.getPrototypeOf(updated.customFields)).toBe(Object.prototype);
    const body = updateBodyOf(edits, { department: 'Sales' });
    expect(JSON.parse(JSON.stringify(body.customFields))).toEqual({
      department: 'Sales',
      ...Object.fromEntries(odd.map((key) => [key, `v-${key}`])),
    });
    expect(Object.keys(nestChanges(edits).customFields ?? {})).toEqual(odd);
  });

  it('builds the request bodies: status fields for users.setStatus, the rest with every custom field for updateOwnBasicInfo', () => {
    const edits = flattenChanges({ bio: 'Hi', statusType: 'busy', statusText: 'In a call', customFields: { twitter: '@x' } });
    expect(statusBodyOf(edits.filter((edit) => statusFields.includes(edit.field)))).toEqual({ status: 'busy', message: 'In a call' });
    const basic = edits.filter((edit) => !statusFields.includes(edit.field));
    expect(updateBodyOf(basic, { department: 'Sales', twitter: '@old' })).toEqual({
      data: { bio: 'Hi' },
      customFields: { department: 'Sales', twitter: '@x' },
    });
    expect(updateBodyOf([{ field: 'bio', value: 'Hi' }], { department: 'Sales' })).toEqual({ data: { bio: 'Hi' } });
  });
});
