import { describe, expect, it } from 'vitest';
import { recordingLog } from '../../../tests/support/recordingLog';
import { Logger, parseLogLevel, type LogEntry } from './logger';
import { logLine } from './logLine';

const token = 'Yq3v0sZlq1cZ4bDrXk3b7JxW9e0PqS2u8a6nT1mHc5E';

describe('Logger', () => {
  it('hands the sink structured entries: time, level, scope, message and the error reduced to name and message', () => {
    const entries: LogEntry[] = [];
    const log = new Logger({ sink: (entry) => entries.push(entry), now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    // An error that carries details (as a server failure does): only its name and message travel.
    const failure = Object.assign(new Error('The server had a problem.'), {
      name: 'ApiFailure',
      details: { status: 500, serverDetails: { token } },
    });
    log.warn('sending queued edits failed', failure);
    log.info('updates: off');
    expect(entries).toEqual([
      {
        time: '2026-01-02T03:04:05.000Z',
        level: 'warn',
        scope: '',
        message: 'sending queued edits failed',
        error: { name: 'ApiFailure', message: 'The server had a problem.' },
      },
      { time: '2026-01-02T03:04:05.000Z', level: 'info', scope: '', message: 'updates: off' },
    ]);
    expect(JSON.stringify(entries)).not.toContain(token); // details of an error never travel
  });

  it('drops entries below its level, info by default', () => {
    const levels = (log: (sink: (entry: LogEntry) => void) => Logger) => {
      const seen: string[] = [];
      const logger = log((entry) => seen.push(entry.level));
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
      return seen;
    };
    expect(levels((sink) => new Logger({ sink }))).toEqual(['info', 'warn', 'error']);
    expect(levels((sink) => new Logger({ sink, level: 'debug' }))).toEqual(['debug', 'info', 'warn', 'error']);
    expect(levels((sink) => new Logger({ sink, level: 'warn' }))).toEqual(['warn', 'error']);
    expect(levels((sink) => new Logger({ sink, level: 'error' }).child('outbox'))).toEqual(['error']);
  });

  it('removes tokens, passwords and codes from messages and from errors before the sink sees them', () => {
    const { log, entries } = recordingLog();
    log.error(`sign-in failed password=hunter2 with X-Auth-Token: ${token}`);
    log.warn('answering the challenge failed', new Error(`login {"code":"123456","password":"hunter2"} and ${token}`));
    log.info('called', `x-2fa-code=654321`);
    const text = JSON.stringify(entries);
    for (const secret of [token, 'hunter2', '123456', '654321']) expect(text).not.toContain(secret);
    expect(entries[0]!.message).toBe('sign-in failed password=[redacted] with X-Auth-Token: [redacted]');
    expect(entries[1]!.error).toEqual({ name: 'Error', message: 'login {"code":"[redacted]","password":"[redacted]"} and [redacted]' });
    expect(entries[2]!.error).toEqual({ name: 'string', message: 'x-2fa-code=[redacted]' });
  });

  it('names the part that wrote an entry through child scopes', () => {
    const { log, entries } = recordingLog();
    log.child('outbox').warn('one');
    log.child('directory').child('pages').error('two');
    log.info('three');
    expect(entries.map((entry) => entry.scope)).toEqual(['outbox', 'directory/pages', '']);
  });

  it('keeps working when the sink throws', () => {
    const log = new Logger({
      sink: () => {
        throw new Error('disk full');
      },
    });
    expect(() => log.error('internal error on app.info')).not.toThrow();
  });

  it('reads a level from settings text and ignores anything else', () => {
    expect(parseLogLevel('debug')).toBe('debug');
    expect(parseLogLevel(' WARN ')).toBe('warn');
    expect(parseLogLevel('verbose')).toBeUndefined();
    expect(parseLogLevel(undefined)).toBeUndefined();
  });
});

describe('logLine', () => {
  it('writes one line: scope, message, then the error', () => {
    const entry: LogEntry = {
      time: '2026-01-02T03:04:05.000Z',
      level: 'error',
      scope: 'dispatch',
      message: 'internal error on app.info: the reply does not match the contract',
      error: { name: 'ZodError', message: '[\n  {\n    "path": ["version"]\n  }\n]' },
    };
    expect(logLine(entry)).toBe(
      '[dispatch] internal error on app.info: the reply does not match the contract: ZodError: [ { "path": ["version"] } ]',
    );
    expect(logLine({ ...entry, scope: '', error: undefined, message: 'updates: off' })).toBe('updates: off');
  });
});
