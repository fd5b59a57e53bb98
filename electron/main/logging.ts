import type { LogMessage, MainLogger } from 'electron-log';
import path from 'node:path';
import { type LogSink, logLine, redact } from '../core';

/** Past this size the log moves to main.old.log and a new one starts: two files at most. */
export const maxLogBytes = 1024 * 1024;

type Logger = Pick<MainLogger, 'transports' | 'hooks'>;

/**
 * Logs in the user-data folder (`logs/main.log`), rotated by size, and every message passed
 * through redact() first: a log is for finding problems, never a place for a token,
 * password or code — even when a library logs an error that carries one.
 */
export function configureLogging(log: Logger, userDataDir: string): void {
  log.transports.file.resolvePathFn = () => path.join(userDataDir, 'logs', 'main.log');
  log.transports.file.maxSize = maxLogBytes;
  log.hooks.push((message: LogMessage) => ({ ...message, data: message.data.map(redactValue) }));
}

/** The core's entries, one line each, into the same log (and so through the same redaction again). */
export function electronLogSink(log: Pick<MainLogger, 'debug' | 'info' | 'warn' | 'error'>): LogSink {
  return (entry) => log[entry.level](logLine(entry));
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`);
  if (typeof value === 'object' && value !== null) {
    try {
      return redact(JSON.stringify(value));
    } catch {
      return '[unprintable]'; // circular or hostile: the rest of the line is still worth writing
    }
  }
  return value;
}
