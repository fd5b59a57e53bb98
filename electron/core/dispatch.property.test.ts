import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, resultSchema, type Channel } from '../../shared/contract';
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
    // No server is reachable in this test: handlers that call out fail fast as offline.
    const offline = (() => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }))) as typeof fetch;
    core = createCore({ dataDir: temp.dir, vault: new MemoryVault(), version: '1.0.0', shell: 'test', fetch: offline });
  });
  afterAll(() => {
    core.close();
    temp.cleanup();
  });

  /** Payloads shaped like the channel's request: its own keys with arbitrary values, often valid. */
  const shapedPayload = (name: unknown) => {
    const schema = typeof name === 'string' && name in channels ? channels[name as Channel].request : null;
    if (!(schema instanceof z.ZodObject)) return fc.constant({});
    const keys = Object.keys(schema.shape);
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.webUrl(), fc.boolean(), fc.integer(), fc.anything());
    return fc.record(Object.fromEntries(keys.map((key) => [key, value])), { requiredKeys: [] });
  };

  // Generating and checking 10,000 payloads takes a few seconds on an idle machine and up to
  // ~45 s on a busy 2-core one; the deadline guards against a hang, not against slowness.
  it('never throws and never answers outside the contract (10,000 payloads)', { timeout: 120_000 }, async () => {
    const anyPayload = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
      fc.object(),
      fc.constant({}),
      fc.constant(undefined),
    );
    const channel = fc.oneof(fc.constantFrom<unknown>(...channelNames), fc.string(), fc.anything());
    const call = channel.chain((name) => fc.tuple(fc.constant(name), fc.oneof(anyPayload, shapedPayload(name))));
    await fc.assert(
      fc.asyncProperty(call, async ([name, body]) => {
        const result = await core.dispatch(name, body);
        if (typeof name === 'string' && (channelNames as string[]).includes(name)) {
          expect(resultSchema(name as Channel).safeParse(result).success).toBe(true);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
        }
        if (!result.ok) expect(result.error.code).not.toBe('internal');
      }),
      { numRuns: 10_000 },
    );
    // Still serving afterwards.
    expect((await core.dispatch('app.info', {})).ok).toBe(true);
  });
});
