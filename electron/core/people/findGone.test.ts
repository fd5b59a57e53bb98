import { describe, expect, it } from 'vitest';
import { findGone, type IdsAt } from './findGone';

/** A deterministic stream of numbers in [0, 1) (a test must not depend on Math.random). */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function serverOf(ids: readonly string[]): { idsAt: IdsAt; asked: () => number } {
  let asked = 0;
  return {
    idsAt: async (offset, count) => {
      asked += 1;
      return { ids: ids.slice(offset, offset + count), total: ids.length };
    },
    asked: () => asked,
  };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${String(i).padStart(6, '0')}`);

describe('findGone: who the server no longer lists, asking little', () => {
  it('finds exactly the gone ones, wherever they are, for many directories', async () => {
    const next = numbers(7);
    for (let round = 0; round < 60; round++) {
      const local = ids(1 + Math.floor(next() * 3000));
      const gone = local.filter(() => next() < (round % 3 === 0 ? 0.002 : round % 3 === 1 ? 0.05 : 0.5));
      const kept = local.filter((id) => !gone.includes(id));
      const server = serverOf(kept);
      expect((await findGone(local, kept.length, server.idsAt))?.sort()).toEqual(gone);
    }
  });

  it('asks about log2(people / 100) one-id probes and a page for one gone person among 50,000', async () => {
    const local = ids(50_000);
    const kept = local.filter((_, index) => index !== 31_337);
    const server = serverOf(kept);
    expect(await findGone(local, kept.length, server.idsAt)).toEqual([local[31_337]]);
    expect(server.asked()).toBeLessThanOrEqual(11);
  });

  it('answers null, not a guess, when the server has someone the copy never saw', async () => {
    const local = ids(500);
    const server = [...local.slice(0, 200), 'id000200x', ...local.slice(203)];
    expect(await findGone(local, server.length, serverOf(server).idsAt)).toBeNull();
    expect(await findGone(local, 501, serverOf([...local, 'zz']).idsAt)).toBeNull();
    expect(await findGone(local, 500, serverOf(local).idsAt)).toEqual([]);
  });
});
