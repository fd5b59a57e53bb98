import { describe, expect, it } from 'vitest';
import { recordingLog } from '../../../tests/support/recordingLog';
import { explainStop } from './directoryStatus';
import { WriterFailure, writerStopped } from './writer/writerFailure';

describe('explainStop: what a failed write of the directory means for the person', () => {
  it('a writer thread that ended: paused, in words, and the sync goes on by itself (the next write runs elsewhere)', () => {
    const { log, entries } = recordingLog();
    const stop = explainStop(new WriterFailure('The directory writer stopped: its thread ended (exit code 1)', writerStopped), log);
    expect(stop).toMatchObject({
      state: 'paused',
      message: 'Saving the directory on this computer was interrupted. The sync continues by itself.',
    });
    // Not an internal error: the writer has said why in its own warning.
    expect(entries).toEqual([]);
  });

  it('SQLite refusing the write on the thread (a full disk): failed, as the same refusal on the main thread is', () => {
    const { log, entries } = recordingLog();
    const stop = explainStop(new WriterFailure('database or disk is full', 'SQLITE_FULL'), log);
    expect(stop).toMatchObject({ state: 'failed', message: 'The directory could not be saved on this computer.' });
    expect(JSON.stringify(entries)).toMatch(/internal error while syncing the people directory.*disk is full/);
  });
});
