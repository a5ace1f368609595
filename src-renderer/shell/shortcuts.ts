// Keyboard shortcuts for everything common. Pure: a key press in, a command out,
// so the table is tested without a DOM. "Mod" is Cmd on macOS, Ctrl elsewhere.
import { VIEWS, type View } from '../state/ui-store';

export type Command =
  | 'palette'
  | 'newChat'
  | 'search'
  | 'settings'
  | 'cycleTheme'
  | 'shortcuts'
  | 'focusComposer'
  | 'previousConversation'
  | 'nextConversation'
  | `view.${View}`;

export interface Shortcut {
  command: Command;
  /** As shown to the user, "Mod" written out per platform by `describeKeys`. */
  keys: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
  /** KeyboardEvent.code, so the shortcut does not depend on the keyboard layout's letters. */
  code: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'palette', keys: 'Mod+K', mod: true, code: 'KeyK' },
  // Not Ctrl+Shift+O or Ctrl+Shift+M: the browser takes those (bookmarks, profiles) in the browser host.
  // Not Alt+Shift: it switches the keyboard layout on many systems.
  { command: 'newChat', keys: 'Mod+Alt+N', mod: true, alt: true, code: 'KeyN' },
  { command: 'search', keys: 'Mod+Shift+F', mod: true, shift: true, code: 'KeyF' },
  { command: 'focusComposer', keys: 'Mod+Alt+M', mod: true, alt: true, code: 'KeyM' },
  { command: 'settings', keys: 'Mod+,', mod: true, code: 'Comma' },
  { command: 'cycleTheme', keys: 'Mod+Shift+L', mod: true, shift: true, code: 'KeyL' },
  { command: 'shortcuts', keys: 'Mod+/', mod: true, code: 'Slash' },
  { command: 'previousConversation', keys: 'Alt+↑', alt: true, code: 'ArrowUp' },
  { command: 'nextConversation', keys: 'Alt+↓', alt: true, code: 'ArrowDown' },
  ...VIEWS.map((view, index) => ({
    command: `view.${view}` as const,
    keys: `Alt+${index + 1}`,
    alt: true,
    code: `Digit${index + 1}`,
  })),
];

export interface KeyPress {
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  getModifierState?: (key: string) => boolean;
}

export function matchShortcut(press: KeyPress, isMac: boolean): Command | null {
  // AltGr arrives as Ctrl+Alt on Windows: it types letters (ń, €), it is not a shortcut.
  if (press.getModifierState?.('AltGraph')) return null;
  const mod = isMac ? press.metaKey : press.ctrlKey;
  const otherMod = isMac ? press.ctrlKey : press.metaKey;
  if (otherMod) return null;
  for (const shortcut of SHORTCUTS) {
    if (shortcut.code !== press.code) continue;
    if (Boolean(shortcut.mod) !== mod || Boolean(shortcut.shift) !== press.shiftKey || Boolean(shortcut.alt) !== press.altKey) {
      continue;
    }
    return shortcut.command;
  }
  return null;
}

export function describeKeys(keys: string, isMac: boolean): string {
  return isMac ? keys.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥') : keys.replace('Mod', 'Ctrl');
}

export function isMacPlatform(nav: Pick<Navigator, 'platform' | 'userAgent'> | undefined): boolean {
  if (!nav) return false;
  return /Mac|iPhone|iPad/.test(nav.platform || nav.userAgent);
}
