import { useEffect, type RefObject } from 'react';
import { placeBeside } from './popoverPlacement';

/**
 * Shows `popover` (a `popover="manual"` element) beside `anchor` while `open`, then runs
 * `opened` (to move focus in). A press outside both closes it through `onClose`. Manual,
 * not light-dismiss: the anchor's own click toggles without racing the browser's dismissal.
 */
export function usePopover(
  open: boolean,
  anchor: RefObject<HTMLElement | null>,
  popover: RefObject<HTMLElement | null>,
  onClose: () => void,
  opened: (popover: HTMLElement) => void,
): void {
  useEffect(() => {
    const element = popover.current;
    if (!element || !anchor.current) return undefined;
    if (!open) {
      if (element.matches(':popover-open')) element.hidePopover();
      return undefined;
    }
    if (!element.matches(':popover-open')) element.showPopover();
    placeBeside(element, anchor.current);
    opened(element);
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!element.contains(target) && !anchor.current?.contains(target)) onClose();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
    // `opened` and `onClose` are read when it opens; a new function each render must not reopen it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}
