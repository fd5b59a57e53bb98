import { afterEach, describe, expect, it, vi } from 'vitest';
import { Connectivity } from './connectivity';
import { CoreEvents } from './coreEvents';

describe('Connectivity', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(probeAnswers: boolean[]) {
    vi.useFakeTimers();
    const events = new CoreEvents();
    const seen: unknown[] = [];
    events.onAny((event, payload) => seen.push([event, payload]));
    const probe = vi.fn(async () => probeAnswers.shift() ?? true);
    const connectivity = new Connectivity({
      events,
      probe,
      clock: { now: () => Date.now() },
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      random: () => 1,
    });
    return { connectivity, probe, seen };
  }

  it('announces only changes', () => {
    const { connectivity, seen } = setup([]);
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
    connectivity.close();
  });

  it('probes an unreachable server with growing waits until it answers, then stops', async () => {
    const { connectivity, probe, seen } = setup([false, false, true]);
    connectivity.report('s', false);
    await vi.advanceTimersByTimeAsync(999);
    expect(probe).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(probe).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3999);
    expect(probe).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(connectivity.isOnline('s')).toBe(true);
    expect(seen.at(-1)).toEqual(['connectivity.changed', { serverId: 's', online: true }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it('stops probing when closed', async () => {
    const { connectivity, probe } = setup([false]);
    connectivity.report('s', false);
    connectivity.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(probe).not.toHaveBeenCalled();
  });
});
