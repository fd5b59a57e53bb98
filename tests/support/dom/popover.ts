/** Elements shown with the stand-in `showPopover`, for `matches(':popover-open')`. */
const open = new WeakSet<Element>();
const installed = Symbol.for('account-manager.test-popovers');

/**
 * happy-dom has no Popover API: this gives elements `showPopover`/`hidePopover` and lets
 * `matches(':popover-open')` answer from them (once per test file; later calls do nothing).
 * Placement reads sizes, which happy-dom gives as 0: a shown popover is simply "open".
 */
export function pretendPopovers(): void {
  const prototype = Element.prototype as Element & Record<symbol, boolean>;
  if (prototype[installed]) return;
  prototype[installed] = true;
  Object.assign(HTMLElement.prototype, {
    showPopover(this: HTMLElement) {
      open.add(this);
    },
    hidePopover(this: HTMLElement) {
      open.delete(this);
    },
  });
  const matches = Element.prototype.matches;
  Element.prototype.matches = function (this: Element, selector: string) {
    return selector === ':popover-open' ? open.has(this) : matches.call(this, selector);
  };
}
