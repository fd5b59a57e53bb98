import type { LogEntry } from './logger';

/**
 * An entry as one line of text, e.g. `[outbox] sending queued edits failed: ApiFailure: …`.
 * Line breaks inside a message (a validation error lists its issues over many lines)
 * become spaces: one entry, one line, so a log stays greppable.
 */
export function logLine(entry: LogEntry): string {
  const scope = entry.scope ? `[${entry.scope}] ` : '';
  const error = entry.error ? `: ${entry.error.name}: ${entry.error.message}` : '';
  return `${scope}${entry.message}${error}`.replace(/\s*[\r\n]+\s*/g, ' ');
}
