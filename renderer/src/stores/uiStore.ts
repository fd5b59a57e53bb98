import { create } from 'zustand';

export type Screen = 'home' | 'people' | 'add-server' | 'sign-in' | 'about';

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
  show(screen: Screen): void;
  startSignIn(target: SignInTarget): void;
}

export const useUi = create<UiState>((set) => ({
  screen: 'home',
  signIn: null,
  show: (screen) => set({ screen }),
  startSignIn: (target) => set({ screen: 'sign-in', signIn: target }),
}));
