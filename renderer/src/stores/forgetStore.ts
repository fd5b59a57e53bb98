import { create } from 'zustand';
import type { ChannelValue } from '../../../shared/contract';
import { getApi } from '../bridge/api';

type Preview = ChannelValue<'app.forgetPreview'>;

interface ForgetState {
  /** What would be lost, while the confirmation is open. */
  preview: Preview | null;
  /** The confirmation was asked for (About's button, or the desktop menu). */
  asking: boolean;
  busy: boolean;
  error: string | null;
  /** The core forgot this computer: the window says so until the app starts again. */
  forgotten: boolean;
  ask(): Promise<void>;
  cancel(): void;
  confirm(): Promise<void>;
  markForgotten(): void;
}

export const useForget = create<ForgetState>((set) => ({
  preview: null,
  asking: false,
  busy: false,
  error: null,
  forgotten: false,
  async ask() {
    set({ asking: true, preview: null, error: null });
    const result = await getApi()['app.forgetPreview']({});
    if (result.ok) set({ preview: result.value });
    else set({ error: result.error.message });
  },
  cancel: () => set({ asking: false, preview: null, error: null }),
  async confirm() {
    set({ busy: true, error: null });
    const result = await getApi()['app.forgetComputer']({});
    if (result.ok) set({ busy: false, asking: false, preview: null, forgotten: true });
    else set({ busy: false, error: result.error.message });
  },
  markForgotten: () => set({ forgotten: true, asking: false, preview: null }),
}));
