import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Pixels of rounding a measure may be off by before it counts as not fitting. */
const slack = 2;

/**
 * Whether the account list must collapse into its picker: when the whole list, given the
 * room the sidebar has left after the screens' navigation, would scroll. `whole` is the whole
 * list (rendered while not collapsed), `picker` the collapsed form, `room` the sidebar's free
 * space below everything. Measured before paint, again on every resize, and tried whole
 * again whenever `shape` (the accounts, their names and states, the active one) changes.
 */
export function useCollapsed(
  whole: RefObject<HTMLElement | null>,
  picker: RefObject<HTMLElement | null>,
  room: RefObject<HTMLElement | null>,
  shape: string,
): boolean {
  // The shape the list was found too tall for: a new shape is tried whole again.
  const [collapsedFor, setCollapsedFor] = useState<string | null>(null);
  const collapsed = collapsedFor === shape;
  // The height the whole list needed when it last did not fit.
  const needed = useRef(0);

  useLayoutEffect(() => {
    const check = () => {
      if (!collapsed) {
        const list = whole.current;
        if (list && list.scrollHeight > list.clientHeight + slack) {
          needed.current = list.scrollHeight;
          setCollapsedFor(shape);
        }
        return;
      }
      const shown = picker.current;
      const free = room.current;
      if (shown && free && needed.current > 0 && shown.offsetHeight + free.clientHeight >= needed.current + slack) setCollapsedFor(null);
    };
    check();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(check);
    for (const element of [whole.current, picker.current, room.current]) if (element) observer.observe(element);
    return () => observer.disconnect();
  }, [collapsed, shape, whole, picker, room]);

  return collapsed;
}
