import { describe, expect, it } from 'vitest';
import { filterPalette, type PaletteItem } from './palette-items';
import { describeKeys, matchShortcut, SHORTCUTS } from './shortcuts';

const press = (code: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  code,
  ctrlKey: Boolean(mods.ctrl),
  metaKey: Boolean(mods.meta),
  shiftKey: Boolean(mods.shift),
  altKey: Boolean(mods.alt),
});

describe('matchShortcut', () => {
  it('opens the palette with Ctrl+K, and with Cmd+K on a Mac', () => {
    expect(matchShortcut(press('KeyK', { ctrl: true }), false)).toBe('palette');
    expect(matchShortcut(press('KeyK', { meta: true }), true)).toBe('palette');
    expect(matchShortcut(press('KeyK', { ctrl: true }), true)).toBeNull();
  });

  it('needs the exact modifiers, so typing is never taken over', () => {
    expect(matchShortcut(press('KeyK'), false)).toBeNull();
    expect(matchShortcut(press('KeyO', { ctrl: true }), false)).toBeNull();
    expect(matchShortcut(press('KeyN', { ctrl: true, alt: true }), false)).toBe('newChat');
    expect(matchShortcut({ ...press('KeyN', { ctrl: true, alt: true }), getModifierState: (key) => key === 'AltGraph' }, false)).toBeNull();
    expect(matchShortcut(press('Digit2', { alt: true }), false)).toBe('view.compare');
  });

  it('has no two shortcuts on the same keys', () => {
    const keys = SHORTCUTS.map((s) => `${s.mod}-${s.shift}-${s.alt}-${s.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes keys the way each platform does', () => {
    expect(describeKeys('Mod+Shift+F', false)).toBe('Ctrl+Shift+F');
    expect(describeKeys('Mod+K', true)).toBe('⌘K');
  });
});

describe('filterPalette', () => {
  const item = (label: string, group = 'Command'): PaletteItem => ({ id: label, label, group, run: () => {} });
  const items = [item('New chat'), item('Open settings'), item('Theme: Dark', 'Appearance'), item('Rust lifetimes', 'Conversation')];

  it('matches every typed word, word starts first, accents ignored', () => {
    expect(filterPalette(items, 'set').map((i) => i.label)).toEqual(['Open settings']);
    expect(filterPalette(items, 'th da').map((i) => i.label)).toEqual(['Theme: Dark']);
    expect(filterPalette([item('Café notes')], 'cafe').map((i) => i.label)).toEqual(['Café notes']);
    expect(filterPalette(items, 'conversation rust').map((i) => i.label)).toEqual(['Rust lifetimes']);
  });

  it('shows everything for an empty query and nothing for a miss', () => {
    expect(filterPalette(items, '  ')).toHaveLength(4);
    expect(filterPalette(items, 'zzz')).toEqual([]);
  });
});
