// How a failed login looks (§1): a Meteor.Error becomes 401 `{error, status, message, details?}`;
// anything else Rocket.Chat answers with 500 "Internal server error".
import { ApiError, INTERNAL_ERROR_BODY } from '../../http/envelope';

/** A Meteor.Error thrown or returned by a login handler or a login validator. */
export class LoginError extends Error {
  constructor(
    readonly error: string | number,
    readonly reason: string,
    readonly details?: unknown,
  ) {
    super(reason);
  }
}

/** A plain Error inside Meteor's login (e.g. SHA256 of a non-string); the REST login answers 500. */
export class InternalLoginError extends Error {}

/** Accounts.LoginCancelledError.numericError: SSO credentials that are missing or used up. */
export const LOGIN_CANCELLED = 0x8acdc2f;

export function loginFailure(error: LoginError | InternalLoginError): ApiError {
  if (error instanceof InternalLoginError) return new ApiError(500, INTERNAL_ERROR_BODY);
  // "User not found" becomes Unauthorized/Unauthorized (§1).
  if (error.reason === 'User not found') {
    return new ApiError(401, { success: false, error: 'Unauthorized', status: 'error', message: 'Unauthorized' });
  }
  const body = { success: false, error: error.error, status: 'error', ...(error.details !== undefined && { details: error.details }) };
  return new ApiError(401, { ...body, message: error.reason });
}
