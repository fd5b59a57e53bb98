import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { recordingLog } from '../../../tests/support/recordingLog';
import { logFailure } from './logFailure';

describe('logFailure', () => {
  it('keeps "internal error" for bugs, and expected failures below it', () => {
    const { log, entries } = recordingLog();
    // Shaped like the adapters' failures (usersApi, vault), which this layer may not import.
    const shaped = (failureKind: 'unreachable' | 'refused', message: string) => Object.assign(new Error(message), { failureKind });
    logFailure(log, 'refreshing the profile', shaped('unreachable', 'chat.example.com cannot be reached right now.'));
    logFailure(log, 'refreshing the profile', shaped('unreachable', 'chat.example.com did not answer in time.'));
    logFailure(log, 'refreshing the profile', shaped('refused', 'Your session has ended.'));
    logFailure(log, 'revoking the session', shaped('refused', 'The system keychain is locked.'));
    logFailure(log, 'marking the session ended', new AppFailure('not-found', 'That account is no longer in the app.'));
    logFailure(log, 'refreshing the profile', new TypeError("Cannot read properties of undefined (reading 'emails')"));
    expect(entries.map(({ level, message }) => [level, message])).toEqual([
      ['debug', 'refreshing the profile failed: the server cannot be reached'],
      ['debug', 'refreshing the profile failed: the server cannot be reached'],
      ['warn', 'refreshing the profile failed'],
      ['warn', 'revoking the session failed'],
      ['warn', 'marking the session ended failed'],
      ['error', 'internal error while refreshing the profile'],
    ]);
    const expected = entries.slice(0, -1).map((entry) => `${entry.message} ${entry.error?.message}`);
    for (const line of expected) expect(line).not.toMatch(/internal error|unhandled rejection/);
  });
});
