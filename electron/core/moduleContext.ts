import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Clock } from './clock';
import type { CoreEvents } from './coreEvents';
import type { DisposableStore } from './disposables';
import type { DomainEvents } from './domainEvents';
import type { Logger } from './log/logger';

/** What every domain module is built with: the core's foundation, shared by all of them. */
export interface ModuleContext {
  db: Database;
  clock: Clock;
  /** The contract's events, which the shells forward to the window. */
  events: CoreEvents;
  /** The core's own events, which other modules follow. */
  signals: DomainEvents;
  log: Logger;
  /** Where a module adds what must be let go when the core closes. */
  disposables: DisposableStore;
}
