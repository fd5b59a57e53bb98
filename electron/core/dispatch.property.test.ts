import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, resultSchema, type Channel } from '../../shared/contract';
import { makeTempDir } from '../../tests/support/tempDir';
import { createCore, type Core } from './createCore';
import { MemoryVault } from './vault/memoryVault';

/**
 * Whatever arrives over IPC, the core answers with a contract-valid result or a
 * `validation` error, and keeps serving. Channels come from the contract itself, so a
 * new channel is covered the day it is added.
 */
describe('dispatch under random payloads', () => {
  let core: Core;
  let temp: ReturnType<typeof makeTempDir>;

  beforeAll(() => {
    temp = makeTempDir();
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1.0.0', shell: 'test' });
  });
  afterAll(() => {
    core.close();
    temp.cleanup();
  });

  it('never throws and never answers outside the contract (10,000 payloads)', async () => {
    const payload = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
      fc.object(),
      fc.constant({}),
      fc.constant(undefined),
    );
    const channel = fc.oneof(fc.constantFrom<unknown>(...channelNames), fc.string(), fc.anything());
    await fc.assert(
      fc.asyncProperty(channel, payload, async (name, body) => {
        const result = await core.dispatch(name, body);
        if (result.ok) {
          expect(channelNames).toContain(name);
          expect(resultSchema(name as Channel).safeParse(result).success).toBe(true);
        } else {
          expect(result.error.code).toBe('validation');
        }
      }),
      { numRuns: 10_000 },
    );
    // Still serving afterwards.
    expect((await core.dispatch('app.info', {})).ok).toBe(true);
  });
});
