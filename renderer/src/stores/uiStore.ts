import { create } from 'zustand';

export type Screen = 'home' | 'people' | 'activity' | 'security' | 'preferences' | 'add-server' | 'sign-in' | 'about';

/** Who the sign-in screen is for: a server, and a username to start with when known. */
export interface SignInTarget {
  serverId: string;
  serverName: string;
  serverUrl: string;
  version?: string | null;
  user?: string;
}

interface UiState {
  screen: Screen;
  signIn: SignInTarget | null;
  /** Set while a form holds unsaved changes: leaving asks first. */
  unsaved: boolean;
  /** What the person asked to do while changes were unsaved, waiting for "Discard?". */
  leaving: (() => void) | null;
  /**
   * Bumped by every move to a screen (and by `focusHeading`): the screen's heading takes
   * focus for it, so keyboard and screen-reader users land on what is new, never on the
   * page body. 0 at start: the first load leaves focus to the browser (the skip link comes first).
   */
  headingFocus: number;
  show(screen: Screen): void;
  startSignIn(target: SignInTarget): void;
  setUnsaved(unsaved: boolean): void;
  /** Moves focus to the current screen's heading (after a save, say). */
  focusHeading(): void;
  /** Runs `action` now, or after the person agrees to drop unsaved changes. */
  leave(action: () => void): void;
  confirmLeave(): void;
  cancelLeave(): void;
}

export function createUiStore() {
  return create<UiState>((set, get) => ({
    screen: 'home',
    signIn: null,
    unsaved: false,
    leaving: null,
    headingFocus: 0,
    show: (screen) => get().leave(() => set({ screen, headingFocus: get().headingFocus + 1 })),
    startSignIn: (target) => get().leave(() => set({ screen: 'sign-in', signIn: target, headingFocus: get().headingFocus + 1 })),
    setUnsaved: (unsaved) => set({ unsaved }),
    focusHeading: () => set({ headingFocus: get().headingFocus + 1 }),
    leave(action) {
      if (get().unsaved) set({ leaving: action });
      else action();
    },
    confirmLeave() {
      const action = get().leaving;
      set({ unsaved: false, leaving: null });
      action?.();
    },
    cancelLeave: () => set({ leaving: null }),
  }));
}

export const useUi = createUiStore();
