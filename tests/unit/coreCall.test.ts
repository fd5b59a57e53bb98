// The typed call helpers every core test goes through: they must answer the contract's value,
// fail loudly with the core's own words, and let no wrong request or value type-check.
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { ChannelValue } from '../../shared/contract';
import type { AppError } from '../../shared/errors';
import { createCore, type Core } from '../../electron/core/createCore';
import { MemoryVault } from '../../electron/core/vault/memoryVault';
import { call, CallFailed, callFailure, callResult } from '../support/coreCall';
import { challengeIdOf } from '../support/coreSignIn';
import { makeTempDir } from '../support/tempDir';

describe('call, callFailure and callResult', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let core: Core;
  beforeEach(() => {
    temp = makeTempDir();
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '3.1.0', shell: 'test' });
  });
  afterEach(() => {
    core.close();
    temp.cleanup();
  });

  it('call answers the value the contract names for the channel', async () => {
    const info = await call(core, 'app.info', {});
    expectTypeOf(info).toEqualTypeOf<ChannelValue<'app.info'>>();
    expect(info).toMatchObject({ version: '3.1.0', dataDir: temp.dir, shell: 'test' });
    expect(await call(core, 'accounts.list', {})).toEqual({ accounts: [], activeAccountId: null, revision: expect.any(Number) });
  });

  it('call fails with the channel, the code and the words of a refusal', async () => {
    const refused = call(core, 'accounts.switch', { accountId: 'nobody' });
    await expect(refused).rejects.toBeInstanceOf(CallFailed);
    await expect(refused).rejects.toThrow(/^accounts\.switch failed \(not-found\): \S/);
    await expect(refused).rejects.toMatchObject({ channel: 'accounts.switch', error: { code: 'not-found' } });
  });

  it('call names the fields of a request the core found invalid', async () => {
    await expect(call(core, 'profile.checkUsername', { accountId: '', username: 'x' })).rejects.toThrow(
      /^profile\.checkUsername failed \(validation\): .*"accountId":/,
    );
  });

  it('callFailure answers the error, and fails when the call succeeds', async () => {
    const error = await callFailure(core, 'accounts.switch', { accountId: 'nobody' });
    expectTypeOf(error).toEqualTypeOf<AppError>();
    expect(error).toMatchObject({ code: 'not-found', message: expect.any(String) });
    await expect(callFailure(core, 'app.info', {})).rejects.toThrow(/^expected app\.info to fail, it answered \{"version":"3\.1\.0"/);
  });

  it('callResult answers either outcome as the typed envelope, without failing', async () => {
    const listed = await callResult(core, 'accounts.list', {});
    expect(listed).toEqual({ ok: true, value: { accounts: [], activeAccountId: null, revision: expect.any(Number) } });
    if (listed.ok) expectTypeOf(listed.value).toEqualTypeOf<ChannelValue<'accounts.list'>>();
    expect(await callResult(core, 'accounts.remove', { accountId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('a wrong request or value type does not compile (tsc checks this file)', () => {
    const misuses = async () => {
      // @ts-expect-error accounts.switch takes an account id as a string
      await call(core, 'accounts.switch', { accountId: 1 });
      // @ts-expect-error no such channel
      await call(core, 'accounts.nothing', {});
      // @ts-expect-error app.info answers the app's facts, not a list of accounts
      const accounts: ChannelValue<'accounts.list'> = await call(core, 'app.info', {});
      return accounts;
    };
    expectTypeOf(misuses).returns.resolves.toEqualTypeOf<ChannelValue<'accounts.list'>>();
  });
});

describe('challengeIdOf', () => {
  it('answers the challenge a second-factor refusal names, and fails on any other refusal', () => {
    const twoFactor = { challengeId: 'c-1', method: 'totp' as const, availableMethods: ['totp' as const] };
    expect(challengeIdOf({ code: 'two-factor-required', message: 'Enter the code.', twoFactor })).toBe('c-1');
    expect(() => challengeIdOf({ code: 'unauthorized', message: 'Wrong password.' })).toThrow(
      'expected a second-factor challenge, got unauthorized: Wrong password.',
    );
  });
});
