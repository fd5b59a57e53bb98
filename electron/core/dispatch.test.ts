import { describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../shared/errors';
import { recordingLog } from '../../tests/support/recordingLog';
import { createDispatch } from './dispatch';
import type { HandlerTable } from './handlers';
import { ApiFailure } from './usersApi/apiFailure';
import { VaultUnavailableError } from './vault/vault';

const info = {
  version: '1.0.0',
  dataDir: '/data',
  database: { path: '/data/db', schemaVersion: 1, storage: { state: 'encrypted' as const, message: 'Encrypted.' } },
  keychain: { state: 'available' as const },
  shell: 'test' as const,
};

function table(handler: HandlerTable['app.info']): HandlerTable {
  return { 'app.info': handler } as HandlerTable;
}

describe('createDispatch', () => {
  it('runs the handler with the validated request and wraps its value', async () => {
    const handler = vi.fn(() => info);
    const result = await createDispatch(table(handler))('app.info', {});
    expect(result).toEqual({ ok: true, value: info });
    expect(handler).toHaveBeenCalledWith({});
  });

  it('answers validation for an unknown channel without running anything', async () => {
    const result = await createDispatch(table(() => info))('users.drop', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', message: 'Unknown channel: "users.drop"' } });
    expect(await createDispatch(table(() => info))(42, {})).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('answers validation for a malformed payload, naming the field', async () => {
    const handler = vi.fn(() => info);
    const result = await createDispatch(table(handler))('app.info', { extra: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(handler).not.toHaveBeenCalled();
    expect(await createDispatch(table(handler))('app.info', 'text')).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('passes an AppFailure through as its contract error', async () => {
    const result = await createDispatch(
      table(() => {
        throw new AppFailure('keychain-unavailable', 'Keychain locked');
      }),
    )('app.info', {});
    expect(result).toEqual({ ok: false, error: { code: 'keychain-unavailable', message: 'Keychain locked' } });
  });

  it("maps a server's answer and a keychain that cannot be used onto the contract's errors, logging neither", async () => {
    const { log, entries } = recordingLog();
    const throwing = (error: Error) =>
      createDispatch(
        table(() => {
          throw error;
        }),
        { log },
      )('app.info', {});
    const refused = new ApiFailure('rate-limited', 'Too many requests; try again in 30 seconds.', {
      status: 429,
      retryAfter: 30,
      serverCode: 'error-too-many-requests',
    });
    expect(await throwing(refused)).toEqual({
      ok: false,
      error: { code: 'rate-limited', message: 'Too many requests; try again in 30 seconds.', retryAfter: 30 },
    });
    expect(await throwing(new VaultUnavailableError('The system keychain is locked.'))).toEqual({
      ok: false,
      error: { code: 'keychain-unavailable', message: 'The system keychain is locked.' },
    });
    expect(entries).toEqual([]);
  });

  it('turns any other throw into an internal error and logs it as one', async () => {
    const { log, entries } = recordingLog();
    const result = await createDispatch(
      table(() => {
        throw new TypeError('boom');
      }),
      { log },
    )('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(entries).toEqual([
      expect.objectContaining({ level: 'error', message: 'internal error on app.info', error: { name: 'TypeError', message: 'boom' } }),
    ]);
  });

  it('logs nothing for failures the contract expects', async () => {
    const { log, entries } = recordingLog();
    const dispatch = createDispatch(
      table(() => {
        throw new AppFailure('network-unreachable', 'The server cannot be reached.');
      }),
      { log },
    );
    await dispatch('app.info', {});
    await dispatch('app.info', { extra: true });
    await dispatch('users.drop', {});
    expect(entries).toEqual([]);
  });

  it('strips fields the contract does not declare from the reply', async () => {
    const leaky = { ...info, authToken: 'secret-token' } as typeof info;
    const result = await createDispatch(table(() => leaky))('app.info', {});
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('refuses a reply that breaks the contract instead of sending it', async () => {
    const { log, entries } = recordingLog();
    const broken = { ...info, version: 7 } as unknown as typeof info;
    const result = await createDispatch(
      table(() => broken),
      { log },
    )('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(entries).toEqual([
      expect.objectContaining({ level: 'error', message: 'internal error on app.info: the reply does not match the contract' }),
    ]);
  });
});
