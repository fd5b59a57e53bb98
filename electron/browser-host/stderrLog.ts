import { Logger, parseLogLevel, type LogSink, logLine } from '../core';

/**
 * The browser host's log: one line per entry on stderr, `<time> <LEVEL> [scope] message`.
 * The e2e tests read it and fail on any line saying "internal error" or "unhandled rejection".
 */
export const stderrSink: LogSink = (entry) => {
  process.stderr.write(`${entry.time} ${entry.level.toUpperCase()} ${logLine(entry)}\n`);
};

/** Entries from `info` up; AM_LOG_LEVEL=debug also shows expected failures (an unreachable server, say). */
export function hostLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  return new Logger({ sink: stderrSink, level: parseLogLevel(env.AM_LOG_LEVEL) ?? 'info' });
}
