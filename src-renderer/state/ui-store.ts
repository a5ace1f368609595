// What the window shows around the data: the current view, the command palette,
// the settings tab, the theme and language, and the toasts. Kept apart from the
// chat state so a toast or a theme change never re-renders a message.
import { createStore, type StoreApi } from 'zustand/vanilla';

export const VIEWS = ['chat', 'compare', 'personas', 'pipelines', 'goals', 'analytics'] as const;
export type View = (typeof VIEWS)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

export const SETTINGS_TABS = ['providers', 'keys', 'models', 'appearance', 'data'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

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

export interface UiState {
  view: View;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  settingsTab: SettingsTab;
  theme: ThemeChoice;
  language: string;
  toasts: Toast[];
  /** Bumped to ask the search box to take focus. */
  searchFocusRequest: number;
  /** Asks the sidebar to start renaming this conversation; `seq` makes a repeat count. */
  renameRequest: { conversationId: string; seq: number } | null;
}

type Prefs = Pick<Storage, 'getItem' | 'setItem'> | null;

const THEME_KEY = 'realmultillm.theme';
const LANGUAGE_KEY = 'realmultillm.language';
const VIEW_KEY = 'realmultillm.view';

export function storedTheme(storage: Prefs): ThemeChoice {
  const value = read(storage, THEME_KEY);
  return (THEMES as readonly string[]).includes(value ?? '') ? (value as ThemeChoice) : 'system';
}

export function storedLanguage(storage: Prefs): string | null {
  return read(storage, LANGUAGE_KEY);
}

export class UiController {
  readonly store: StoreApi<UiState>;
  private toastSeq = 0;
  private readonly timers = new Map<number, { timer: ReturnType<typeof setTimeout>; onExpire?: () => void }>();

  constructor(
    private readonly storage: Prefs = null,
    initial: Partial<UiState> = {},
  ) {
    const view = read(storage, VIEW_KEY);
    this.store = createStore<UiState>()(() => ({
      view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'chat',
      paletteOpen: false,
      shortcutsOpen: false,
      settingsTab: 'providers',
      theme: storedTheme(storage),
      language: storedLanguage(storage) ?? 'en',
      toasts: [],
      searchFocusRequest: 0,
      renameRequest: null,
      ...initial,
    }));
  }

  get state(): UiState {
    return this.store.getState();
  }

  setView(view: View): void {
    this.store.setState({ view, paletteOpen: false });
    write(this.storage, VIEW_KEY, view);
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

  setSettingsTab(tab: SettingsTab): void {
    this.store.setState({ settingsTab: tab });
  }

  setTheme(theme: ThemeChoice): void {
    this.store.setState({ theme });
    write(this.storage, THEME_KEY, theme);
  }

  /** Light → dark → system → light. */
  cycleTheme(): ThemeChoice {
    const next = THEMES[(THEMES.indexOf(this.state.theme) + 1) % THEMES.length]!;
    this.setTheme(next);
    return next;
  }

  setLanguage(language: string): void {
    this.store.setState({ language });
    write(this.storage, LANGUAGE_KEY, language);
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

function read(storage: Prefs, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: Prefs, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // A preference not remembered is harmless.
  }
}
