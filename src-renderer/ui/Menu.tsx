// A menu button: the button says what the menu is for, the menu opens below it
// with focus on its first item, arrow keys move, Escape or Tab closes it and
// focus goes back to the button (WAI-ARIA menu button pattern). The menu is put
// in <body>: inside a virtualized row (moved with a transform) a fixed menu would
// be placed and clipped by the row and its scroller.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './ui.css';

export interface MenuEntry {
  /** Tells entries apart when two may share a label; the label otherwise. */
  key?: string;
  label: string;
  run: () => void;
  danger?: boolean;
}

export function MenuButton({
  label,
  entries,
  children,
  className,
  onKeyDown,
}: {
  label: string;
  entries: readonly MenuEntry[];
  children: ReactNode;
  className?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLButtonElement>) => void;
}) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number }>({ top: 0, left: 0 });
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();

  useLayoutEffect(() => {
    if (!open || !button.current) return;
    const box = button.current.getBoundingClientRect();
    const width = 200;
    setPosition({
      top: Math.min(box.bottom + 4, window.innerHeight - 40 * entries.length - 8),
      left: Math.max(8, Math.min(box.right - width, window.innerWidth - width - 8)),
    });
  }, [open, entries.length]);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') close(true);
    // From the button, so Tab goes on to what follows it (the menu itself is at the end of <body>).
    else if (event.key === 'Tab') close(true);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
    event.stopPropagation();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className={className}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          } else onKeyDown?.(event);
        }}
      >
        {children}
      </button>
      {open &&
        createPortal(
          <ul
            ref={menu}
            id={id}
            role="menu"
            aria-label={label}
            className="menu"
            style={{ top: position.top, left: position.left }}
            onKeyDown={onMenuKeyDown}
          >
            {entries.map((entry) => (
              <li key={entry.key ?? entry.label} role="none">
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className={entry.danger ? 'danger' : undefined}
                  onClick={() => {
                    close(true);
                    entry.run();
                  }}
                >
                  {entry.label}
                </button>
              </li>
            ))}
          </ul>,
          document.body,
        )}
    </>
  );
}
