import { Logger, type LogEntry, type LogLevel } from '../../electron/core/log/logger';

/** A logger whose sink keeps every entry, for tests that check what the core reported. */
export function recordingLog(level: LogLevel = 'debug'): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { log: new Logger({ sink: (entry) => entries.push(entry), level }), entries };
}
