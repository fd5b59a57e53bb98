import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase, type TempDatabase } from '../../tests/support/tempDatabase';
import { displayArrangement, restoreWindow, WindowStateStore, type DisplayInfo } from './windowState';

const laptop: DisplayInfo = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};
const monitor: DisplayInfo = {
  id: 2,
  bounds: { x: 1440, y: 0, width: 2560, height: 1440 },
  workArea: { x: 1440, y: 0, width: 2560, height: 1400 },
};

describe('window state per display arrangement', () => {
  let opened: TempDatabase;
  beforeEach(() => {
    opened = openTempDatabase();
  });
  afterEach(() => {
    opened.close();
  });

  it('remembers one state for the laptop alone and another for laptop plus monitor', () => {
    const store = new WindowStateStore(opened.db);
    const onMonitor = { bounds: { x: 2000, y: 100, width: 1200, height: 900 }, maximized: true };
    const onLaptop = { bounds: { x: 50, y: 60, width: 1000, height: 700 }, maximized: false };
    store.save(displayArrangement([laptop, monitor]), onMonitor);
    store.save(displayArrangement([laptop]), onLaptop);
    expect(store.load(displayArrangement([monitor, laptop]))).toEqual(onMonitor);
    expect(store.load(displayArrangement([laptop]))).toEqual(onLaptop);
  });

  it('never restores a window onto a screen that is gone, and opens centred the first time', () => {
    const onMonitor = { bounds: { x: 2000, y: 100, width: 1200, height: 900 }, maximized: true };
    expect(restoreWindow(onMonitor, [laptop, monitor])).toEqual(onMonitor);
    expect(restoreWindow(onMonitor, [laptop])).toEqual({ bounds: { x: 170, y: 83, width: 1100, height: 760 }, maximized: false });
    expect(restoreWindow(null, [laptop]).bounds.width).toBe(1100);
  });

  it('ignores a saved state it cannot read', () => {
    opened.db.prepare("INSERT INTO app_state (key, value) VALUES ('window:x', 'not json')").run();
    expect(new WindowStateStore(opened.db).load('x')).toBeNull();
  });
});
