// The settings dialog (open, and on which tab) and the preferences it sets that
// the whole window follows: theme and language, remembered between sessions.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { readPreference, writePreference, type Preferences } from './preferences';

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

export const SETTINGS_TABS = ['providers', 'keys', 'models', 'appearance', 'data', 'sync'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

export interface SettingsState {
  open: boolean;
  tab: SettingsTab;
  theme: ThemeChoice;
  language: string;
}

const THEME_KEY = 'realmultillm.theme';
const LANGUAGE_KEY = 'realmultillm.language';

export function storedTheme(storage: Preferences): ThemeChoice {
  const value = readPreference(storage, THEME_KEY);
  return (THEMES as readonly string[]).includes(value ?? '') ? (value as ThemeChoice) : 'system';
}

export function storedLanguage(storage: Preferences): string | null {
  return readPreference(storage, LANGUAGE_KEY);
}

export class SettingsStore {
  readonly store: StoreApi<SettingsState>;

  constructor(
    private readonly storage: Preferences = null,
    initial: Partial<SettingsState> = {},
  ) {
    this.store = createStore<SettingsState>()(() => ({
      open: false,
      tab: 'providers',
      theme: storedTheme(storage),
      language: storedLanguage(storage) ?? 'en',
      ...initial,
    }));
  }

  get state(): SettingsState {
    return this.store.getState();
  }

  /** Opens the dialog, on `tab` when given, else where it was left. */
  open(tab?: SettingsTab): void {
    this.store.setState(tab ? { open: true, tab } : { open: true });
  }

  close(): void {
    this.store.setState({ open: false });
  }

  setTab(tab: SettingsTab): void {
    this.store.setState({ tab });
  }

  setTheme(theme: ThemeChoice): void {
    this.store.setState({ theme });
    writePreference(this.storage, THEME_KEY, theme);
  }

  /** System → light → dark → system. */
  cycleTheme(): ThemeChoice {
    const next = THEMES[(THEMES.indexOf(this.state.theme) + 1) % THEMES.length]!;
    this.setTheme(next);
    return next;
  }

  setLanguage(language: string): void {
    this.store.setState({ language });
    writePreference(this.storage, LANGUAGE_KEY, language);
  }
}
