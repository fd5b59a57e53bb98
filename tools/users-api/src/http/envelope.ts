// Reply envelopes of PROTOCOL §0 and §7. Handlers throw ApiError; the pipeline
// turns it into the HTTP reply, so every error body is built in this one place.

export type Body = Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Body,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.error === 'string' ? body.error : `HTTP ${status}`);
  }
}

/** Meteor.Error(code, reason, details) → 400 `{error:"R [C]", errorType:C, details?}` (§0). */
export function thrown(code: string, reason = '', details?: unknown): ApiError {
  const body: Body = { success: false, error: reason ? `${reason} [${code}]` : `[${code}]`, errorType: code };
  if (details !== undefined) body.details = details;
  return new ApiError(400, body);
}

/** API.v1.failure('<text>') → 400 `{success:false, error:"<text>"}` (§0). */
export const plain = (text: string): ApiError => new ApiError(400, { success: false, error: text });

/** Schema errors, old-style routes: `errorType:"invalid-params"` and a ` [invalid-params]` suffix (§0). */
export const invalidParamsOld = (messages: string[]): ApiError => thrown('invalid-params', messages.join('\n '));

/** Schema errors, typed routes: `error-invalid-params` for the query, `invalid-params` for the body, no suffix (§0). */
export function invalidParamsTyped(where: 'query' | 'body', messages: string[]): ApiError {
  return new ApiError(400, {
    success: false,
    error: messages.join('\n '),
    errorType: where === 'query' ? 'error-invalid-params' : 'invalid-params',
  });
}

export const LOGGED_OUT_MESSAGE = 'You must be logged in to do this.';

/** §7: missing or invalid token. */
export const unauthorized = (): ApiError =>
  new ApiError(401, { success: false, error: LOGGED_OUT_MESSAGE, status: 'error', message: LOGGED_OUT_MESSAGE });

/** §7: a permission declared on the route and not held. */
export const missingPermission = (): ApiError =>
  new ApiError(403, { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' });

/** §7: other refusals. */
export const forbidden = (): ApiError => new ApiError(403, { success: false, error: 'unauthorized' });

/** The licence middleware's refusal (apps/meteor/ee/server/api/v1/middlewares/license.ts). */
export const enterpriseOnly = (): ApiError =>
  new ApiError(400, {
    success: false,
    error: 'This is an enterprise feature [error-action-not-allowed]',
    errorType: 'error-action-not-allowed',
  });

export const notFound = (): ApiError => new ApiError(404, { success: false, error: 'Resource not found' });

export const INTERNAL_ERROR_BODY: Body = { success: false, error: 'Internal server error' };

export function tooManyRequests(waitSeconds: number, headers: Record<string, string>): ApiError {
  return new ApiError(
    429,
    {
      success: false,
      error: `Error, too many requests. Please slow down. You must wait ${waitSeconds} seconds before trying this endpoint again. [error-too-many-requests]`,
    },
    headers,
  );
}

/** Headers every API reply carries (§0). */
export const API_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
};
