import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { Deadline } from './deadline';

describe('Deadline', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  afterEach(() => {
    process.off('warning', onWarning);
    warnings.length = 0;
  });

  it('lets many requests wait at once under the core’s one signal without a MaxListenersExceededWarning', async () => {
    process.on('warning', onWarning);
    // The core's close signal is shared by every request in flight: a directory page's avatars are dozens at once.
    const closing = new AbortController();
    const deadlines = Array.from({ length: 40 }, () => new Deadline(systemClock, 60_000, closing.signal));
    // Node emits the warning on the next turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
    // Each still ends when the core closes, with the core's reason.
    closing.abort(new Error('closing'));
    expect(deadlines.every((deadline) => deadline.signal.aborted && (deadline.signal.reason as Error).message === 'closing')).toBe(true);
    expect(deadlines.some((deadline) => deadline.expired)).toBe(false);
    for (const deadline of deadlines) deadline.clear();
  });

  it('ends by itself when the time is up', async () => {
    const deadline = new Deadline(systemClock, 5, new AbortController().signal);
    await new Promise<void>((resolve) => deadline.signal.addEventListener('abort', () => resolve(), { once: true }));
    expect(deadline.expired).toBe(true);
    deadline.clear();
  });
});
