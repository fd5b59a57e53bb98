import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Migration } from './migration';

export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This data folder was written by a newer version of Account Manager (database schema ${found}; ` +
        `this version understands up to ${supported}). Update the app, or start it with another data folder.`,
    );
    this.name = 'NewerSchemaError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the newest migration. All pending steps run in one
 * transaction, so a crash mid-way leaves the previous version intact. A database
 * from a newer app is refused rather than guessed at.
 */
export function migrate(db: Database, steps: readonly Migration[]): number {
  const target = steps.length === 0 ? 0 : steps[steps.length - 1]!.version;
  steps.forEach((step, index) => {
    if (step.version !== index + 1) {
      throw new Error(`Migration list is out of order at ${step.description}`);
    }
  });
  const current = schemaVersion(db);
  if (current > target) {
    throw new NewerSchemaError(current, target);
  }
  const pending = steps.filter((step) => step.version > current);
  if (pending.length === 0) {
    return current;
  }
  db.transaction(() => {
    for (const step of pending) {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
  })();
  return target;
}
