import { describe, expect, it } from 'vitest';
import type { DirectorySyncRow } from './directoryStore';
import {
  changesEveryMs,
  fullCopyEveryMs,
  fullPassAtMostEveryMs,
  fullPassDue,
  fullPassEveryMs,
  reachesMark,
  refreshDue,
} from './refreshPlan';

const hour = 3_600_000;
const row = (over: Partial<DirectorySyncRow> = {}): DirectorySyncRow => ({
  serverId: 's',
  accountId: 'a',
  source: 'users.list',
  round: 1,
  nextOffset: 500,
  total: 500,
  loaded: 500,
  state: 'done',
  startedAt: 0,
  syncedAt: 0,
  lastError: null,
  maxPeople: null,
  refreshes: 'changes',
  changesMark: 1_000,
  fullAt: 0,
  needsPass: false,
  ...over,
});

describe('when and how the directory copy is read again', () => {
  it('reads changes every ten minutes where the server gives them, else copies whole at most hourly', () => {
    expect(refreshDue(row(), changesEveryMs - 1)).toBe('none');
    expect(refreshDue(row(), changesEveryMs)).toBe('changes');
    expect(refreshDue(row({ refreshes: 'full', changesMark: null }), changesEveryMs)).toBe('none');
    expect(refreshDue(row({ refreshes: 'full', changesMark: null }), fullCopyEveryMs)).toBe('full');
    // A copy cut at the limit, or from the directory endpoint, has no base for changes.
    expect(refreshDue(row({ loaded: 300 }), hour)).toBe('full');
    expect(refreshDue(row({ source: 'directory' }), hour)).toBe('full');
  });

  it('runs a full pass weekly, or a day after one when a refresh could not account for the count', () => {
    expect(fullPassDue(row(), fullPassAtMostEveryMs)).toBe(false);
    expect(fullPassDue(row({ needsPass: true }), fullPassAtMostEveryMs - 1)).toBe(false);
    expect(fullPassDue(row({ needsPass: true }), fullPassAtMostEveryMs)).toBe(true);
    expect(fullPassDue(row(), fullPassEveryMs)).toBe(true);
    expect(fullPassDue(row({ refreshes: 'full' }), fullPassEveryMs)).toBe(false);
    expect(fullPassDue(row({ state: 'syncing' }), fullPassEveryMs)).toBe(false);
  });

  it('stops at the first page that ends before the mark, reading back a little past it', () => {
    const at = (ms: number) => ({ _updatedAt: new Date(ms).toISOString() });
    expect(reachesMark([at(9_000), at(5_000)], 6_000)).toBe(false);
    expect(reachesMark([at(9_000), at(4_500)], 6_000)).toBe(false);
    expect(reachesMark([at(9_000), at(3_000)], 6_000)).toBe(true);
    expect(reachesMark([at(9_000), {}], 6_000)).toBe(false);
  });
});
