/** Something that holds on to a resource (a timer, a subscription, a connection) until disposed. */
export interface Disposable {
  dispose(): void;
}

/**
 * The one place a core's resources are let go (VS Code's DisposableStore): each part adds
 * what it holds as it is built, and `dispose` lets go of everything in the reverse order —
 * the last thing built first, the database it all stands on last. A failing teardown does
 * not keep the rest from theirs; the first failure is thrown once all have run.
 */
export class DisposableStore implements Disposable {
  private readonly held: (() => void)[] = [];
  private disposed = false;

  /** Adds a teardown; one added after `dispose` runs at once. Returns it, for chaining. */
  add<T extends Disposable | (() => void)>(item: T): T {
    const teardown = typeof item === 'function' ? (item as () => void) : () => (item as Disposable).dispose();
    if (this.disposed) teardown();
    else this.held.push(teardown);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const failures: unknown[] = [];
    for (const teardown of this.held.splice(0).reverse()) {
      try {
        teardown();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
