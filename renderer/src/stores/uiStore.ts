import { create } from 'zustand';

export type Screen = 'home' | 'people' | 'activity' | 'security' | 'add-server' | 'sign-in' | 'about';

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
  show(screen: Screen): void;
  startSignIn(target: SignInTarget): void;
  setUnsaved(unsaved: boolean): void;
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
    show: (screen) => get().leave(() => set({ screen })),
    startSignIn: (target) => get().leave(() => set({ screen: 'sign-in', signIn: target })),
    setUnsaved: (unsaved) => set({ unsaved }),
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
