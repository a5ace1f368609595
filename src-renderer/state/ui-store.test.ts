import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './test-support';
import { UiStore } from './ui-store';

describe('UiStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('remembers the view between sessions', () => {
    const storage = memoryStorage();
    const first = new UiStore(storage);
    first.setView('analytics');
    const second = new UiStore(storage);
    expect(second.state).toMatchObject({ view: 'analytics' });
  });

  it('runs onExpire when a toast times out or is dismissed, never after its action ran', () => {
    const ui = new UiStore(null);
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
    const ui = new UiStore(null);
    const expired: string[] = [];
    ui.toast('x', { action: { label: 'Undo', run: () => {} }, onExpire: () => expired.push('x') });
    ui.flushToasts();
    expect(expired).toEqual(['x']);
  });

  it('closes the drawer when a view is chosen, sending focus into the view; dismissed, focus goes back to its button', () => {
    const ui = new UiStore(null);
    ui.openDrawer();
    ui.setView('compare');
    expect(ui.state).toMatchObject({ drawerOpen: false, drawerReturn: 'view' });
    ui.openDrawer();
    ui.closeDrawer();
    expect(ui.state).toMatchObject({ drawerOpen: false, drawerReturn: 'menu' });
  });
});
