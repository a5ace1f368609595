// The keys that open an item's menu from the item itself, as in desktop apps:
// the context-menu key or Shift+F10. The menu is the "⋯" button beside the item.
import type { KeyboardEvent } from 'react';

export function isMenuKey(event: KeyboardEvent): boolean {
  return event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10');
}

/** Opens the menu of the row that holds `item` (its focus moves into the menu). */
export function openMenuBeside(item: HTMLElement): void {
  item.parentElement?.querySelector<HTMLButtonElement>('.row-menu')?.click();
}
