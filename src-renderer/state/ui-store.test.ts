import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UiController } from './ui-store';

describe('UiController', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('remembers theme, language and view between sessions', () => {
    const stored = new Map<string, string>();
    const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
    const first = new UiController(storage);
    first.setTheme('dark');
    first.setLanguage('de');
    first.setView('analytics');
    const second = new UiController(storage);
    expect(second.state).toMatchObject({ theme: 'dark', language: 'de', view: 'analytics' });
  });

  it('cycles system → light → dark → system', () => {
    const ui = new UiController(null);
    expect([ui.cycleTheme(), ui.cycleTheme(), ui.cycleTheme()]).toEqual(['light', 'dark', 'system']);
  });

  it('runs onExpire when a toast times out or is dismissed, never after its action ran', () => {
    const ui = new UiController(null);
    const expired: string[] = [];
    ui.toast('a', { onExpire: () => expired.push('a') });
    const b = ui.toast('b', { action: { label: 'Undo', run: () => expired.push('b-undone') }, onExpire: () => expired.push('b') });
    const c = ui.toast('c', { onExpire: () => expired.push('c') });
    ui.runToastAction(b);
    ui.dismissToast(c);
    vi.advanceTimersByTime(60_000);
    expect(expired).toEqual(['b-undone', 'c', 'a']);
    expect(ui.state.toasts).toEqual([]);
  });

  it('ends pending toasts at once when the window goes', () => {
    const ui = new UiController(null);
    const expired: string[] = [];
    ui.toast('x', { action: { label: 'Undo', run: () => {} }, onExpire: () => expired.push('x') });
    ui.flushToasts();
    expect(expired).toEqual(['x']);
  });
});
