import { create } from 'zustand';

export const screens = ['home', 'about'] as const;
export type Screen = (typeof screens)[number];

interface UiState {
  screen: Screen;
  show(screen: Screen): void;
}

export const useUi = create<UiState>((set) => ({
  screen: 'home',
  show: (screen) => set({ screen }),
}));
