import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

export const defaultWindowSize = { width: 1100, height: 760 };
const minimumVisible = 120;

/**
 * Window size, position and maximised state, remembered per arrangement of displays: the
 * laptop alone and the laptop at a desk with two monitors each get their own layout. A
 * saved position that would now be off every screen is never restored.
 */
export function displayArrangement(displays: DisplayInfo[]): string {
  return displays
    .map((display) => `${display.bounds.x},${display.bounds.y},${display.bounds.width}x${display.bounds.height}`)
    .sort()
    .join('|');
}

/** Where to open the window: the saved state if it is still visible, else centred on the first display. */
export function restoreWindow(saved: WindowState | null, displays: DisplayInfo[]): WindowState {
  const visibleOn = (rect: Rect, area: Rect) =>
    Math.min(rect.x + rect.width, area.x + area.width) - Math.max(rect.x, area.x) >= minimumVisible &&
    Math.min(rect.y + rect.height, area.y + area.height) - Math.max(rect.y, area.y) >= minimumVisible;
  if (saved && displays.some((display) => visibleOn(saved.bounds, display.workArea))) return saved;
  const area = displays[0]?.workArea ?? { x: 0, y: 0, ...defaultWindowSize };
  const width = Math.min(defaultWindowSize.width, area.width);
  const height = Math.min(defaultWindowSize.height, area.height);
  return {
    bounds: { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height },
    maximized: false,
  };
}

/** The saved states, one per display arrangement, in app_state. */
export class WindowStateStore {
  constructor(private readonly db: Database) {}

  load(arrangement: string): WindowState | null {
    const raw = this.db.prepare('SELECT value FROM app_state WHERE key = ?').pluck().get(`window:${arrangement}`) as string | undefined;
    if (!raw) return null;
    try {
      const state = JSON.parse(raw) as WindowState;
      return Number.isFinite(state.bounds?.width) && Number.isFinite(state.bounds?.x) ? state : null;
    } catch {
      return null; // a damaged saved state: the window opens at its default size instead
    }
  }

  save(arrangement: string, state: WindowState): void {
    this.db
      .prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(`window:${arrangement}`, JSON.stringify(state));
  }
}
