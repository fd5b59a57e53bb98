import { describe, expect, it } from 'vitest';
import { parseErrorReply, splitReason } from './parseErrorReply';
import { ApiFailure } from './apiFailure';

const now = Date.parse('2026-11-25T12:00:00Z');
const noHeaders = new Headers();

describe('parseErrorReply: every envelope of docs/protocol.md', () => {
  it.each([
    // [status, body, expected code, expected serverCode]
    [
      401,
      { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' },
      'unauthorized',
      undefined,
    ],
    [401, { success: false, error: 'unauthorized' }, 'unauthorized', 'unauthorized'],
    [401, { success: false, error: 403, status: 'error', message: 'Incorrect password' }, 'unauthorized', undefined],
    [401, { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' }, 'unauthorized', undefined],
    [
      401,
      { success: false, error: 'error-user-is-not-activated', status: 'error', message: 'User is not activated' },
      'unauthorized',
      'error-user-is-not-activated',
    ],
    [
      403,
      { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' },
      'unauthorized',
      'error-unauthorized',
    ],
    [
      400,
      { success: false, error: "must have required property 'data' [invalid-params]", errorType: 'invalid-params' },
      'validation',
      'invalid-params',
    ],
    [
      400,
      { success: false, error: 'must NOT have additional properties', errorType: 'error-invalid-params' },
      'validation',
      'error-invalid-params',
    ],
    [
      400,
      { success: false, error: 'Could not save user identity [error-could-not-save-identity]', errorType: 'error-could-not-save-identity' },
      'validation',
      'error-could-not-save-identity',
    ],
    [400, { success: false, error: 'Name contains invalid characters' }, 'validation', undefined],
    [404, { success: false, error: 'Resource not found' }, 'not-found', undefined],
    [500, { success: false, error: 'Internal server error' }, 'server-error', undefined],
    [502, undefined, 'server-error', undefined],
    [
      400,
      {
        success: false,
        error: 'TOTP Required [totp-required]',
        errorType: 'totp-required',
        details: { method: 'password', codeGenerated: false, availableMethods: [] },
      },
      'two-factor-required',
      'totp-required',
    ],
    [
      401,
      {
        success: false,
        error: 'totp-required',
        status: 'error',
        message: 'TOTP Required',
        details: { method: 'totp', codeGenerated: false, availableMethods: ['totp'] },
      },
      'two-factor-required',
      'totp-required',
    ],
    [
      401,
      { success: false, error: 'totp-invalid', status: 'error', message: 'TOTP Invalid', details: { method: 'email' } },
      'two-factor-invalid',
      'totp-invalid',
    ],
    [
      400,
      { success: false, error: 'TOTP Maximun Failed Attempts Reached [totp-max-attempts]', errorType: 'totp-max-attempts' },
      'two-factor-locked',
      'totp-max-attempts',
    ],
    [
      429,
      {
        success: false,
        error:
          'Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]',
      },
      'rate-limited',
      'error-too-many-requests',
    ],
    [
      400,
      {
        success: false,
        error: 'Error, too many requests. [error-too-many-requests]',
        errorType: 'error-too-many-requests',
        details: { timeToReset: 30_000, seconds: 30 },
      },
      'rate-limited',
      'error-too-many-requests',
    ],
  ])('HTTP %i %j → %s', (status, body, code, serverCode) => {
    const failure = parseErrorReply(status, body, noHeaders, now);
    expect(failure.code).toBe(code);
    expect(failure.details.serverCode).toBe(serverCode);
    expect(failure.message.length).toBeGreaterThan(5);
  });

  it('reads the 2FA challenge details, at login and elsewhere', () => {
    const failure = parseErrorReply(
      401,
      {
        success: false,
        error: 'totp-required',
        message: 'TOTP Required',
        details: { method: 'email', codeGenerated: true, emailOrUsername: 'test.john', availableMethods: ['email'] },
      },
      noHeaders,
      now,
    );
    expect(failure.details.twoFactor).toEqual({ method: 'email', availableMethods: ['email'], codeSentTo: 'test.john' });
    const password = parseErrorReply(
      400,
      {
        success: false,
        errorType: 'totp-required',
        error: 'TOTP Required [totp-required]',
        details: { method: 'password', availableMethods: [] },
      },
      noHeaders,
      now,
    );
    expect(password.details.twoFactor).toEqual({ method: 'password', availableMethods: ['password'] });
  });

  it('takes the wait from X-RateLimit-Reset (epoch ms), else from the body, else a minute', () => {
    const headers = new Headers({ 'X-RateLimit-Reset': String(now + 12_300) });
    expect(parseErrorReply(429, { success: false, error: 'x [error-too-many-requests]' }, headers, now).details.retryAfter).toBe(13);
    expect(
      parseErrorReply(400, { success: false, errorType: 'error-too-many-requests', error: 'x', details: { seconds: 30 } }, noHeaders, now)
        .details.retryAfter,
    ).toBe(30);
    expect(parseErrorReply(429, {}, noHeaders, now).details.retryAfter).toBe(60);
  });

  it('keeps the server’s reason without its [code] suffix', () => {
    const failure = parseErrorReply(
      400,
      { success: false, error: 'Bio size exceeds 260 characters [error-bio-size-exceeded]', errorType: 'error-bio-size-exceeded' },
      noHeaders,
      now,
    );
    expect(failure.message).toBe('Bio size exceeds 260 characters');
  });

  it('tells an inactive account it may have been deactivated, not only "not activated yet"', () => {
    // Rocket.Chat's one answer for a deactivated account and for one waiting for approval.
    const failure = parseErrorReply(
      401,
      { success: false, error: 'error-user-is-not-activated', status: 'error', message: 'User is not activated' },
      noHeaders,
      now,
    );
    expect(failure.message).toMatch(/^This account is not active on the server: an administrator has deactivated it/);
    expect(failure.message).not.toContain('not activated yet');
  });
});

describe('splitReason', () => {
  it('splits "reason [code]", "[code]" and plain text', () => {
    expect(splitReason('Not allowed [error-not-allowed]')).toEqual({ reason: 'Not allowed', code: 'error-not-allowed' });
    expect(splitReason('[user-last-owner]')).toEqual({ reason: '', code: 'user-last-owner' });
    expect(splitReason('User not found.')).toEqual({ reason: 'User not found.' });
  });
});

describe('ApiFailure for the log', () => {
  it('calls an unreachable or silent server "unreachable", and any answer a refusal', () => {
    expect(new ApiFailure('network-unreachable', 'x').failureKind).toBe('unreachable');
    expect(new ApiFailure('timeout', 'x').failureKind).toBe('unreachable');
    for (const code of ['unauthorized', 'server-error', 'rate-limited', 'validation'] as const) {
      expect(new ApiFailure(code, 'x').failureKind).toBe('refused');
    }
  });
});

describe('a single sign-on not finished yet', () => {
  it('is told apart from a wrong password, in both spellings the server uses', () => {
    for (const message of ['No matching login attempt found', 'no matching login attempt found']) {
      const failure = parseErrorReply(401, { success: false, error: 145546287, message, status: 'error' }, new Headers(), 0);
      expect(failure.details.serverCode).toBe('no-matching-login-attempt');
      expect(failure.message).toBe('The sign-in has not been finished in the browser yet.');
    }
    expect(parseErrorReply(401, { success: false, error: 403, message: 'Incorrect password' }, new Headers(), 0).message).toBe(
      'Wrong username, email or password.',
    );
  });
});
