import { redact } from '../redact';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

/** One entry as the sink receives it: already filtered by level and redacted. */
export interface LogEntry {
  /** ISO 8601. */
  time: string;
  level: LogLevel;
  /** The part that wrote it, e.g. `outbox` or `directory`; empty for the shell's own lines. */
  scope: string;
  message: string;
  /** An error is reduced to its kind and words: never its payload, details or cause. */
  error?: { name: string; message: string };
}

/** Where entries go: the shell decides (the Electron log file, the browser host's stderr). */
export type LogSink = (entry: LogEntry) => void;

export interface LoggerOptions {
  sink: LogSink;
  /** Entries below this level are dropped. Default `info`. */
  level?: LogLevel;
  now?: () => number;
}

/** Longest message or error text kept; the rest of a runaway message says nothing new. */
const maxTextLength = 2000;

/**
 * The core's one way to say what went wrong. Every text passes
 * through redact() before the sink sees it, so a token, password or code that slipped
 * into a message or an error never reaches a log. `child(scope)` names the part writing.
 */
export class Logger {
  constructor(
    private readonly options: LoggerOptions,
    readonly scope = '',
  ) {}

  child(scope: string): Logger {
    return new Logger(this.options, this.scope ? `${this.scope}/${scope}` : scope);
  }

  debug(message: string, error?: unknown): void {
    this.write('debug', message, error);
  }

  info(message: string, error?: unknown): void {
    this.write('info', message, error);
  }

  warn(message: string, error?: unknown): void {
    this.write('warn', message, error);
  }

  error(message: string, error?: unknown): void {
    this.write('error', message, error);
  }

  private write(level: LogLevel, message: string, error: unknown): void {
    if (logLevels.indexOf(level) < logLevels.indexOf(this.options.level ?? 'info')) return;
    const entry: LogEntry = {
      time: new Date((this.options.now ?? Date.now)()).toISOString(),
      level,
      scope: this.scope,
      message: clean(message),
      ...(error === undefined ? {} : { error: describeError(error) }),
    };
    try {
      this.options.sink(entry);
    } catch {
      // A broken sink (a full disk, a closed stream) must not break the work being reported on.
    }
  }
}

/** Drops every entry: the default for cores built without a shell (tests, benches). */
export const silentLogger = new Logger({ sink: () => undefined, level: 'error' });

/** `AM_LOG_LEVEL` and the like: a known level name, or undefined. */
export function parseLogLevel(text: string | undefined): LogLevel | undefined {
  return logLevels.find((level) => level === text?.trim().toLowerCase());
}

function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: clean(error.name), message: clean(error.message) };
  return { name: typeof error, message: clean(String(error)) };
}

function clean(text: string): string {
  const short = text.length > maxTextLength ? `${text.slice(0, maxTextLength)}…` : text;
  return redact(short);
}
