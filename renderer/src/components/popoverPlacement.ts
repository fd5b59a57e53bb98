/**
 * Puts a popover (top layer, `position: fixed`) next to the control that opened it: to its
 * right when there is room (the sidebar's controls open over the content), else below it,
 * always inside the window.
 */
export function placeBeside(popover: HTMLElement, anchor: HTMLElement): void {
  const at = anchor.getBoundingClientRect();
  const size = popover.getBoundingClientRect();
  const margin = 8;
  const room = window.innerWidth - at.right - margin;
  const left = room >= size.width ? at.right + margin : Math.max(margin, Math.min(at.left, window.innerWidth - size.width - margin));
  const top = room >= size.width ? at.top : at.bottom + 4;
  popover.style.left = `${Math.round(left)}px`;
  popover.style.top = `${Math.round(Math.max(margin, Math.min(top, window.innerHeight - size.height - margin)))}px`;
}
