/** The code of a WriterFailure whose thread ended: the write did not happen, and the next one runs elsewhere. */
export const writerStopped = 'writer-stopped';

/** A write the writer thread refused or could not finish; SQLite's code (or writerStopped) kept for the log. */
export class WriterFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WriterFailure';
  }
}
