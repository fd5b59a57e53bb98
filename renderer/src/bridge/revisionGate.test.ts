import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../shared/errors';
import { deferred, repliesRun } from '../../../tests/support/fakeApi';
import { createRevisionGate } from './revisionGate';

type View = { revision: number; text: string };

function gateWithLog() {
  const reloads: string[] = [];
  const applied: View[] = [];
  const gate = createRevisionGate((key) => reloads.push(key));
  const answer = (revision: number, text = `at ${revision}`) =>
    gate.view(
      'k',
      async () => ok({ revision, text }),
      (v) => applied.push(v),
    );
  return { gate, reloads, applied, answer };
}

describe('revisionGate', () => {
  it('reads again only for an event newer than the view held', async () => {
    const { gate, reloads, answer } = gateWithLog();
    await answer(3);
    gate.changed('k', 2);
    gate.changed('k', 3);
    expect(reloads).toEqual([]);
    gate.changed('k', 4);
    expect(reloads).toEqual(['k']);
  });

  it('reads a key never held on its first event, and keys do not mix', () => {
    const { gate, reloads } = gateWithLog();
    gate.changed('other', 1);
    expect(reloads).toEqual(['other']);
  });

  it('holds an event that comes while a call is on the way until its reply, then judges it', async () => {
    const { gate, reloads, applied } = gateWithLog();
    const reply = deferred<Result<View>>();
    const call = gate.view(
      'k',
      () => reply.promise,
      (v) => applied.push(v),
    );
    gate.changed('k', 5);
    expect(reloads).toEqual([]);
    reply.resolve(ok({ revision: 5, text: 'five' }));
    await call;
    expect(applied.map((v) => v.text)).toEqual(['five']);
    expect(reloads).toEqual([]);
  });

  it('reads once after the reply when the held event is newer than the reply', async () => {
    const { gate, reloads } = gateWithLog();
    const reply = deferred<Result<View>>();
    const call = gate.view(
      'k',
      () => reply.promise,
      () => undefined,
    );
    gate.changed('k', 6);
    gate.changed('k', 7);
    reply.resolve(ok({ revision: 5, text: 'five' }));
    await call;
    expect(reloads).toEqual(['k']);
  });

  it('does not let a late, older reply replace a newer view', async () => {
    const { gate, applied } = gateWithLog();
    const slow = deferred<Result<View>>();
    const first = gate.view(
      'k',
      () => slow.promise,
      (v) => applied.push(v),
    );
    await gate.view(
      'k',
      async () => ok({ revision: 4, text: 'new' }),
      (v) => applied.push(v),
    );
    slow.resolve(ok({ revision: 3, text: 'old' }));
    await first;
    expect(applied.map((v) => v.text)).toEqual(['new']);
  });

  it('does not repeat a failed read until a newer event comes', async () => {
    const reloads: number[] = [];
    const gate = createRevisionGate(() => {
      reloads.push(reloads.length);
      // The gate calls back without waiting; the test reads the reloads it records.
      void gate.view(
        'k',
        async () => fail('network-unreachable', 'gone'),
        () => undefined,
      );
    });
    gate.changed('k', 1);
    await repliesRun();
    gate.changed('k', 1);
    expect(reloads).toHaveLength(1);
    gate.changed('k', 2);
    expect(reloads).toHaveLength(2);
  });

  it('waits for a call that answers without a view, then judges the events it held', async () => {
    const { gate, reloads } = gateWithLog();
    const done = deferred<string>();
    const call = gate.around('k', () => done.promise);
    gate.changed('k', 1);
    expect(reloads).toEqual([]);
    done.resolve('signed in');
    expect(await call).toBe('signed in');
    expect(reloads).toEqual(['k']);
  });
});
