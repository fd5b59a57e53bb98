import type { Result } from '../../../shared/errors';

/**
 * When a store reads a view again after a `*.changed` event: only when the event's
 * revision is newer than the view it holds, and never while one of its own calls for
 * that key is on the way — over the WebSocket the event comes before the reply that
 * already carries the change, so the decision waits for the reply. One change, one read.
 */
export interface RevisionGate {
  /**
   * Runs a call whose reply is a view of `key`: the view is applied once (unless it is
   * older than the one held), and events for `key` that come meanwhile wait for it.
   */
  view<T extends { revision: number }>(key: string, call: () => Promise<Result<T>>, apply: (view: T) => void): Promise<Result<T>>;
  /** Runs a call that changes `key` without answering with its view (a sign-in): events for `key` wait for it. */
  around<T>(key: string, call: () => Promise<T>): Promise<T>;
  /** A `*.changed` event for `key`: reads again through `reload` when it is news. */
  changed(key: string, revision: number): void;
}

interface KeyState {
  /** Revision of the view held; -1 before the first. */
  held: number;
  /** Calls for this key on the way. */
  calls: number;
  /** Highest revision an event announced. */
  announced: number;
  /** Highest announced revision a reload was started for: a failed reload is not repeated until a newer event. */
  asked: number;
}

export function createRevisionGate(reload: (key: string) => void): RevisionGate {
  const keys = new Map<string, KeyState>();
  const stateOf = (key: string): KeyState => {
    let state = keys.get(key);
    if (!state) {
      state = { held: -1, calls: 0, announced: 0, asked: 0 };
      keys.set(key, state);
    }
    return state;
  };
  const settle = (key: string, state: KeyState) => {
    if (state.calls > 0 || state.announced <= state.held || state.announced <= state.asked) return;
    state.asked = state.announced;
    reload(key);
  };
  const around = async <T>(key: string, call: () => Promise<T>): Promise<T> => {
    const state = stateOf(key);
    state.calls += 1;
    try {
      return await call();
    } finally {
      state.calls -= 1;
      settle(key, state);
    }
  };
  return {
    around,
    view: (key, call, apply) =>
      around(key, async () => {
        const result = await call();
        if (result.ok) {
          const state = stateOf(key);
          if (result.value.revision >= state.held) {
            state.held = result.value.revision;
            apply(result.value);
          }
        }
        return result;
      }),
    changed(key, revision) {
      const state = stateOf(key);
      state.announced = Math.max(state.announced, revision);
      settle(key, state);
    },
  };
}
