import fc from 'fast-check';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, resultSchema, type Channel } from '../../shared/contract';
import { signedIn } from '../../tests/support/coreSignIn';
import { makeTempDir } from '../../tests/support/tempDir';
import { startTestServer, type TestServer } from '../../tests/support/usersApiServer';
import { createCore, type Core } from './createCore';
import { MemoryVault } from './vault/memoryVault';

/**
 * Whatever arrives over IPC, the core answers with a contract-valid result or a
 * `validation` error, and keeps serving. Channels come from the contract itself, so a
 * new channel is covered the day it is added.
 */
/** Forgetting the computer closes the core for good: electron/core/flows/forgetComputer.test.ts covers it. */
const livingChannels = channelNames.filter((name) => name !== 'app.forgetComputer');

/** The keys of a channel's request object, through the lazy wrappers the contract builds on first use. */
function requestKeys(channel: Channel): string[] {
  let schema: z.ZodType = channels[channel].request;
  while (schema instanceof z.ZodLazy) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

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
    const keys = typeof name === 'string' && name in channels ? requestKeys(name as Channel) : [];
    if (keys.length === 0) return fc.constant({});
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
    const channel = fc.oneof(fc.constantFrom<unknown>(...livingChannels), fc.string(), fc.anything());
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

/**
 * The same promise with an account signed in on the reference server, so the handlers that
 * need one (edits, lookups, search, security, avatars…) run under fuzz too. Custom field
 * keys and lookup values come partly from the names JavaScript objects carry themselves.
 */
describe('dispatch under random payloads, signed in', () => {
  let core: Core;
  let server: TestServer;
  let temp: ReturnType<typeof makeTempDir>;
  let accountId: string;
  // Ending the session would leave every later run without an account: covered above.
  const sessionEnding = new Set<string>(['accounts.signOut', 'accounts.remove', 'app.forgetComputer']);
  const objectPropertyNames = [
    ...new Set([
      ...Object.getOwnPropertyNames(Object.prototype),
      ...Object.getOwnPropertyNames(Function.prototype),
      ...Object.getOwnPropertyNames(Array.prototype),
      '__proto__',
      'prototype',
      'then',
    ]),
  ];

  beforeAll(async () => {
    temp = makeTempDir();
    server = await startTestServer();
    core = createCore({
      dataDir: temp.dir,
      vault: new MemoryVault(),
      version: '1.0.0',
      shell: 'test',
      requestTimeoutMs: 2_000,
      retryPolicy: { attempts: 1 },
    });
    accountId = await signedIn(core, server, 'plain');
  });
  afterAll(async () => {
    core.close();
    await server.close();
    temp.cleanup();
  });

  it('answers every call on a live account inside the contract, never as an internal error (500 calls)', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(...objectPropertyNames),
    );
    const customFields = fc.dictionary(fc.constantFrom(...objectPropertyNames), fc.string({ maxLength: 20 }), { maxKeys: 8 });
    const value = fc.oneof(text, fc.boolean(), fc.integer(), fc.anything(), customFields);
    const channel = fc.constantFrom(...channelNames.filter((name) => !sessionEnding.has(name)));
    const call = channel.chain((name) => {
      const keys = requestKeys(name);
      const fields = Object.fromEntries(keys.map((key) => [key, key === 'accountId' ? fc.oneof(fc.constant(accountId), text) : value]));
      const changes = fc.record({ name: text, bio: text, nickname: text, statusText: text, customFields }, { requiredKeys: [] });
      return fc.tuple(
        fc.constant(name),
        fc.oneof(
          fc.record(fields, { requiredKeys: [] }),
          fc.record({ ...fields, accountId: fc.constant(accountId), changes }, { requiredKeys: ['accountId'] }),
        ),
      );
    });
    await fc.assert(
      fc.asyncProperty(call, async ([name, body]) => {
        // Through JSON, as every call arrives: `__proto__` stays an own key.
        const result = await core.dispatch(name, JSON.parse(JSON.stringify(body ?? {})));
        expect(resultSchema(name).safeParse(result).success).toBe(true);
        if (!result.ok) expect(result.error.code, `${name}: ${result.error.message}`).not.toBe('internal');
      }),
      { numRuns: 500 },
    );
    expect((await core.dispatch('profile.get', { accountId })).ok).toBe(true);
  }, 120_000);

  it('takes any text in searches, lookups and username checks as ordinary data (300 calls)', async () => {
    const awkward = fc.constantFrom('\u0000', 'a\u0000b', '"', "'", '" OR "', 'NEAR(a b)', '*', '^x', '-x', '\\', '%', '_', 'ab"c');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...objectPropertyNames), awkward);
    const call = fc.oneof(
      text.map((query) => ['directory.search', { accountId, query }] as const),
      text.map((value) => ['people.lookup', { accountId, key: 'username', value }] as const),
      text.map((username) => ['profile.checkUsername', { accountId, username }] as const),
    );
    await fc.assert(
      fc.asyncProperty(call, async ([name, body]) => {
        const result = await core.dispatch(name, JSON.parse(JSON.stringify(body)));
        expect(resultSchema(name).safeParse(result).success).toBe(true);
        if (!result.ok) expect(result.error.code, `${name}: ${result.error.message}`).not.toBe('internal');
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
