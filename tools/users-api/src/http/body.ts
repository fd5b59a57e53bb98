// Request body reading. A malformed JSON body must answer 400 with a clear
// error and never crash the server (issue requirement; PROTOCOL has no wording).
import type { IncomingMessage } from 'node:http';
import { ApiError } from './envelope';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, { success: false, error: 'Request body too large' }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function malformedJson(detail: string): ApiError {
  return new ApiError(400, {
    success: false,
    error: 'Malformed JSON in request body [error-invalid-json]',
    errorType: 'error-invalid-json',
    details: { message: detail },
  });
}

/**
 * Turns the raw body into params: JSON and urlencoded bodies are parsed; a body
 * without Content-Type is parsed as JSON when it looks like JSON; multipart is
 * left to the route that expects it (users.setAvatar).
 */
export function parseBody(contentType: string | undefined, raw: Buffer): unknown {
  const type = (contentType ?? '').toLowerCase();
  const text = raw.toString('utf8');
  if (type.startsWith('multipart/')) return {};
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (type.includes('json') || (type === '' && /^[[{"]/.test(trimmed))) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch (error) {
      throw malformedJson(error instanceof Error ? error.message : String(error));
    }
  }
  return {};
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The body (or query) as a record, or `{}` when it is not an object. */
export const asRecord = (value: unknown): Record<string, unknown> => (isPlainObject(value) ? value : {});
