import { describe, expect, it } from 'vitest';
import { DisposableStore } from './disposables';

describe('DisposableStore', () => {
  it('lets go of everything in reverse order: the last thing built first', () => {
    const store = new DisposableStore();
    const released: string[] = [];
    store.add(() => released.push('database'));
    store.add({ dispose: () => released.push('service') });
    store.add(() => released.push('subscription'));
    store.dispose();
    expect(released).toEqual(['subscription', 'service', 'database']);
  });

  it('runs every teardown when one fails, then throws the first failure', () => {
    const store = new DisposableStore();
    const released: string[] = [];
    store.add(() => released.push('database'));
    store.add(() => {
      throw new Error('first');
    });
    store.add(() => {
      throw new Error('second');
    });
    store.add(() => released.push('timer'));
    expect(() => store.dispose()).toThrow('second');
    expect(released).toEqual(['timer', 'database']);
  });

  it('disposes once, and lets go at once of what is added after', () => {
    const store = new DisposableStore();
    let count = 0;
    store.add(() => count++);
    store.dispose();
    store.dispose();
    expect(count).toBe(1);
    store.add(() => count++);
    expect(count).toBe(2);
  });
});
