// What the window shows around the data: the current view, the command palette,
// the shortcuts list, requests to the sidebar, and the toasts. Kept apart from
// the chat state so a toast never re-renders a message.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { readPreference, writePreference, type Preferences } from './preferences';

export const VIEWS = ['chat', 'compare', 'personas', 'pipelines', 'goals', 'analytics'] as const;
export type View = (typeof VIEWS)[number];

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
  /** One button beside the text, such as Undo. */
  action?: { label: string; run: () => void };
}

export interface ToastOptions {
  tone?: ToastTone;
  action?: Toast['action'];
  /** How long it stays; toasts with an action stay longer so there is time to reach it. */
  durationMs?: number;
  /** Runs when the toast goes away without its action being used. */
  onExpire?: () => void;
}

/** Where focus goes when the drawer closes: back to its button, or into the view the user chose in it. */
export type DrawerReturn = 'menu' | 'view';

export interface UiState {
  view: View;
  /** In a narrow window the conversation sidebar is a drawer over the view. */
  drawerOpen: boolean;
  drawerReturn: DrawerReturn;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  toasts: Toast[];
  /** Bumped to ask the search box to take focus. */
  searchFocusRequest: number;
  /** Asks the sidebar to start renaming this conversation; `seq` makes a repeat count. */
  renameRequest: { conversationId: string; seq: number } | null;
}

const VIEW_KEY = 'realmultillm.view';

export class UiStore {
  readonly store: StoreApi<UiState>;
  private toastSeq = 0;
  private readonly timers = new Map<number, { timer: ReturnType<typeof setTimeout>; onExpire?: () => void }>();

  constructor(private readonly storage: Preferences = null) {
    const view = readPreference(storage, VIEW_KEY);
    this.store = createStore<UiState>()(() => ({
      view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'chat',
      paletteOpen: false,
      shortcutsOpen: false,
      drawerOpen: false,
      drawerReturn: 'menu',
      toasts: [],
      searchFocusRequest: 0,
      renameRequest: null,
    }));
  }

  get state(): UiState {
    return this.store.getState();
  }

  setView(view: View): void {
    this.store.setState({ view, paletteOpen: false, ...(this.state.drawerOpen ? { drawerOpen: false, drawerReturn: 'view' as const } : {}) });
    writePreference(this.storage, VIEW_KEY, view);
  }

  openDrawer(): void {
    this.store.setState({ drawerOpen: true });
  }

  closeDrawer(focusTo: DrawerReturn = 'menu'): void {
    if (this.state.drawerOpen) this.store.setState({ drawerOpen: false, drawerReturn: focusTo });
  }

  openPalette(): void {
    this.store.setState({ paletteOpen: true, shortcutsOpen: false });
  }

  closePalette(): void {
    this.store.setState({ paletteOpen: false });
  }

  setShortcutsOpen(open: boolean): void {
    this.store.setState({ shortcutsOpen: open, paletteOpen: false });
  }

  focusSearch(): void {
    this.store.setState((s) => ({ view: 'chat', paletteOpen: false, searchFocusRequest: s.searchFocusRequest + 1 }));
  }

  requestRename(conversationId: string): void {
    this.store.setState((s) => ({ view: 'chat', paletteOpen: false, renameRequest: { conversationId, seq: (s.renameRequest?.seq ?? 0) + 1 } }));
  }

  toast(text: string, options: ToastOptions = {}): number {
    const id = ++this.toastSeq;
    const toast: Toast = { id, text, tone: options.tone ?? 'info', ...(options.action ? { action: options.action } : {}) };
    this.store.setState((s) => ({ toasts: [...s.toasts.slice(-4), toast] }));
    const duration = options.durationMs ?? (options.action ? 10_000 : 5_000);
    const timer = setTimeout(() => this.expire(id), duration);
    this.timers.set(id, { timer, ...(options.onExpire ? { onExpire: options.onExpire } : {}) });
    return id;
  }

  /** Closes a toast as if its time ran out (its onExpire runs). */
  dismissToast(id: number): void {
    this.expire(id);
  }

  /** Runs a toast's action and closes it without its onExpire. */
  runToastAction(id: number): void {
    const toast = this.state.toasts.find((t) => t.id === id);
    this.remove(id, false);
    toast?.action?.run();
  }

  /** Ends every pending toast now (their onExpire run): before the window closes. */
  flushToasts(): void {
    for (const id of [...this.timers.keys()]) this.expire(id);
  }

  private expire(id: number): void {
    this.remove(id, true);
  }

  private remove(id: number, expired: boolean): void {
    const entry = this.timers.get(id);
    if (entry) {
      clearTimeout(entry.timer);
      this.timers.delete(id);
      if (expired) entry.onExpire?.();
    }
    this.store.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  }
}
