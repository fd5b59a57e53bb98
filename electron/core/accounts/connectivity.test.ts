import { describe, expect, it, vi } from 'vitest';
import { TestClock } from '../../../tests/support/testClock';
import { CoreEvents } from '../coreEvents';
import { Connectivity, Reconnection } from './connectivity';

describe('Connectivity', () => {
  function setup(probeAnswers: boolean[]) {
    const clock = new TestClock();
    const events = new CoreEvents();
    const seen: unknown[] = [];
    events.onAny((event, payload) => seen.push([event, payload]));
    const connectivity = new Connectivity(events);
    const probe = vi.fn(async () => probeAnswers.shift() ?? true);
    const reconnection = new Reconnection({ events, clock, connectivity, probe });
    return { clock, connectivity, reconnection, probe, seen };
  }

  it('announces only changes', () => {
    const { connectivity, reconnection, seen } = setup([]);
    connectivity.report('s', true);
    connectivity.report('s', true);
    connectivity.report('s', false);
    connectivity.report('s', false);
    expect(seen).toEqual([
      ['connectivity.changed', { serverId: 's', online: true }],
      ['connectivity.changed', { serverId: 's', online: false }],
    ]);
    expect(connectivity.isOnline('s')).toBe(false);
    expect(connectivity.isOnline('other')).toBe(true);
    reconnection.close();
  });

  it('probes an unreachable server with growing waits until it answers, then stops', async () => {
    const { clock, connectivity, probe, seen } = setup([false, false, true]);
    connectivity.report('s', false);
    // Each wait is half fixed, half random: between half the ceiling and the ceiling (1 s, 2 s, 4 s).
    for (const [tries, ceiling] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
    ] as const) {
      const [wait] = clock.pending();
      expect(clock.pending()).toHaveLength(1);
      expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
      expect(wait).toBeLessThanOrEqual(ceiling);
      await clock.advance(wait! - 1);
      expect(probe).toHaveBeenCalledTimes(tries - 1);
      await clock.advance(1);
      expect(probe).toHaveBeenCalledTimes(tries);
    }
    expect(connectivity.isOnline('s')).toBe(true);
    expect(seen.at(-1)).toEqual(['connectivity.changed', { serverId: 's', online: true }]);
    expect(clock.pending()).toEqual([]);
    await clock.advance(60_000);
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it('stops probing when closed', async () => {
    const { clock, connectivity, reconnection, probe } = setup([false]);
    connectivity.report('s', false);
    reconnection.close();
    connectivity.close();
    await clock.advance(10_000);
    expect(probe).not.toHaveBeenCalled();
    expect(clock.pending()).toEqual([]);
  });
});
