import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../usersApi/apiFailure';
import { fieldOfFailure, refusalWords, usernameRefusal } from './fieldErrors';

describe('refusals of a username, and of edits the workspace does not allow', () => {
  it('calls a refusal of the question itself lasting, and a failure of the moment worth asking again', () => {
    const refused = (serverCode: string, message = 'Not allowed') => new ApiFailure('validation', message, { status: 400, serverCode });
    expect(usernameRefusal(refused('error-not-allowed'))).toBe('This workspace does not allow changing your username.');
    expect(usernameRefusal(refused('error-blocked-username', "admin is blocked and can't be used!"))).toBe(
      'That username is blocked on this server.',
    );
    expect(usernameRefusal(new ApiFailure('unauthorized', 'No', { status: 403 }))).toMatch(/does not let this account/);
    for (const passing of [
      new ApiFailure('network-unreachable', 'cannot be reached'),
      new ApiFailure('timeout', 'did not answer'),
      new ApiFailure('server-error', 'failing', { status: 503 }),
      new ApiFailure('rate-limited', 'slow down', { status: 429, retryAfter: 60 }),
      new ApiFailure('unauthorized', 'session ended', { status: 401 }),
      new Error('a bug'),
    ])
      expect(usernameRefusal(passing)).toBeNull();
  });

  it('names the field a "not allowed" is about, in words, and the whole profile when it names none', () => {
    const notAllowed = (message: string) => new ApiFailure('validation', message, { status: 400, serverCode: 'error-action-not-allowed' });
    expect(fieldOfFailure(notAllowed('Edit username is not allowed'), ['username', 'bio'])).toEqual({
      field: 'username',
      message: 'This workspace does not allow changing your username.',
    });
    expect(fieldOfFailure(notAllowed('Edit user status is not allowed'), ['statusText'])?.field).toBe('statusText');
    const profileOff = new ApiFailure('validation', 'Not allowed', { status: 400, serverCode: 'error-not-allowed' });
    expect(fieldOfFailure(profileOff, ['bio', 'nickname'])).toBeNull();
    expect(refusalWords(profileOff)).toBe('This workspace does not allow changing your profile.');
  });
});
