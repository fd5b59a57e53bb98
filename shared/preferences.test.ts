import { describe, expect, it } from 'vitest';
import { checkPreference, decodePreference, encodePreference, isPreferenceField, preferenceWords } from './preferences';
import { outboxFieldLabel, outboxValueWords } from './outboxFields';

describe('the preferences codec', () => {
  it('keeps a value as JSON text, and a preference never set as the empty string', () => {
    expect(encodePreference(['a', 'b'])).toBe('["a","b"]');
    expect(encodePreference(undefined)).toBe('');
    expect(decodePreference('300')).toBe(300);
    expect(decodePreference('')).toBeUndefined();
  });

  it('names only the preferences the app offers as outbox fields', () => {
    expect(isPreferenceField('preferences.language')).toBe(true);
    expect(isPreferenceField('preferences.clockMode')).toBe(false);
    expect(isPreferenceField('language')).toBe(false);
  });

  it('checks values as the server does, in words', () => {
    expect(checkPreference('idleTimeLimit', 59)).toBe('The server wants at least 60 seconds (one minute).');
    expect(checkPreference('idleTimeLimit', 60)).toBeNull();
    expect(checkPreference('idleTimeLimit', 1.5)).toBe('Enter a whole number of seconds.');
    expect(checkPreference('desktopNotifications', 'loud')).toBe('Choose one of the options for desktop notifications.');
    expect(checkPreference('language', 'pt-BR')).toBeNull();
    expect(checkPreference('language', 'not a language')).toBe('Choose a language.');
    expect(checkPreference('enableAutoAway', 'yes')).toBe('Away when idle is on or off.');
    expect(checkPreference('highlights', ['a', 'A'])).toBe('Each highlighted word once.');
    expect(checkPreference('highlights', [' '])).toBe('A highlighted word cannot be empty.');
  });

  it('says a queued value in words for Activity and the conflict dialog', () => {
    expect(preferenceWords('desktopNotifications', '"all"')).toBe('Every message');
    expect(preferenceWords('enableAutoAway', 'false')).toBe('off');
    expect(preferenceWords('highlights', '[]')).toBe('none');
    expect(preferenceWords('language', '')).toBe('as the workspace sets it');
    expect(outboxFieldLabel('preferences.emailNotificationMode')).toBe('Email notifications');
    expect(outboxFieldLabel('bio')).toBe('Bio');
    expect(outboxValueWords('bio', 'hello')).toBe('hello');
  });
});
