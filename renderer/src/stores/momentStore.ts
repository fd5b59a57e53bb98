import { create } from 'zustand';

/**
 * Counts what the person does (a button pressed, a form sent): a notice about the last thing
 * done belongs to the moment before the next one, and goes when the count moves on.
 */
export const useMoments = create<{ actions: number; acted(): void }>((set, get) => ({
  actions: 0,
  acted: () => set({ actions: get().actions + 1 }),
}));

/**
 * Every press of a button or menu item and every form sent is an action. Watched in the capture
 * phase, so the count moves before the handler starts what the next notice will be about.
 * Presses inside a notice (its Details, a copy button) belong to it and move nothing.
 */
export function followActions(target: Document = document): () => void {
  const acted = (event: Event) => {
    const element = event.target instanceof Element ? event.target : null;
    if (!element || element.closest('.notice')) return;
    if (event.type === 'submit' || element.closest('button, [role="menuitem"], [role="menuitemradio"]')) useMoments.getState().acted();
  };
  target.addEventListener('click', acted, true);
  target.addEventListener('submit', acted, true);
  return () => {
    target.removeEventListener('click', acted, true);
    target.removeEventListener('submit', acted, true);
  };
}
