import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { usePopover } from './usePopover';

export interface MenuItem {
  label: string;
  /** The item's accessible name when the visible label alone would not say which account it acts on. */
  ariaLabel?: string;
  danger?: boolean;
  onSelect(): void;
}

/**
 * A menu button as the ARIA practices describe it: Enter, Space or ↓ open the menu on its
 * first item, ↑ on its last; ↑ ↓ Home End move, Enter or Space choose, Escape closes and
 * returns to the button, Tab closes and moves on, a press elsewhere closes. The menu
 * floats in the top layer (a popover), so it is never clipped by the sidebar.
 */
export function MenuButton({ label, items, children }: { label: string; items: MenuItem[]; children: ReactNode }) {
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);

  usePopover(
    open !== null,
    button,
    menu,
    () => setOpen(null),
    (popover) => {
      const entries = popover.querySelectorAll<HTMLElement>('[role="menuitem"]');
      entries[open === 'first' ? 0 : entries.length - 1]?.focus();
    },
  );

  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) button.current?.focus();
  };

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      entries[(to + entries.length) % entries.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(at + 1);
      case 'ArrowUp':
        return move(at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(entries.length - 1);
      case 'Escape':
        event.preventDefault();
        return close(true);
      case 'Tab':
        // Back on the button first, so the browser's own Tab moves on from there.
        return close(true);
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const next = entries.findIndex(
            (entry, index) => index > at && entry.textContent?.toLowerCase().startsWith(event.key.toLowerCase()),
          );
          const wrapped =
            next >= 0 ? next : entries.findIndex((entry) => entry.textContent?.toLowerCase().startsWith(event.key.toLowerCase()));
          if (wrapped >= 0) move(wrapped);
        }
    }
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={menuId}
        aria-label={label}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKey}
      >
        {children}
      </button>
      <div ref={menu} id={menuId} popover="manual" role="menu" aria-label={label} className="menu" onKeyDown={onMenuKey}>
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={item.danger ? 'menu-item danger-text' : 'menu-item'}
            aria-label={item.ariaLabel}
            onClick={() => {
              close(true);
              item.onSelect();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </>
  );
}
