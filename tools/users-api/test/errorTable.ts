// Shared runner for the table-driven error-string tests: each row starts a
// fresh server, sets it up, makes one call and checks status and body.
import { expect, it } from 'vitest';
import { sha256, start } from './helpers';
import type { Client, Res, Session } from './helpers';
import type { UsersApiOptions } from '../src/index';

export interface Row {
  name: string;
  status: number;
  /** The exact `error` value (login's may be a number). */
  error: string | number;
  errorType?: string;
  message?: string;
  options?: UsersApiOptions;
  run(c: Client): Promise<Res>;
}

export const UPDATE = '/api/v1/users.updateOwnBasicInfo';
export const demoProof = sha256('demo-pass-1');

export const update = async (c: Client, data: Record<string, unknown>, extra: Record<string, unknown> = {}, who?: Session) =>
  c.post(UPDATE, { data, ...extra }, who ?? (await c.loginDemo()));

export const login = (c: Client, user: string, password: string, headers?: Record<string, string>) =>
  c.post('/api/v1/login', { user, password }, undefined, headers);

export const devSession = async (c: Client, id: string): Promise<Session> => (await c.call('POST', `/_dev/users/${id}/tokens`)).json;

export function runRows(rows: Row[]): void {
  it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const c = await start(row.options);
    try {
      const res = await row.run(c);
      expect(res.status).toBe(row.status);
      expect(res.json.success).toBe(false);
      expect(res.json.error).toBe(row.error);
      if (row.errorType !== undefined) expect(res.json.errorType).toBe(row.errorType);
      if (row.message !== undefined) expect(res.json.message).toBe(row.message);
      if (row.status === 401 && row.error !== 'Unauthorized') expect(res.json.status).toBe('error');
    } finally {
      await c.close();
    }
  });
}
