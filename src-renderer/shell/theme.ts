// Applies the theme choice to <html data-theme>; "system" follows the OS and
// changes with it while the app runs.
import type { ThemeChoice } from '../state/settings-store';

export type ResolvedTheme = 'light' | 'dark';

export function resolveTheme(choice: ThemeChoice, prefersDark: boolean): ResolvedTheme {
  if (choice === 'system') return prefersDark ? 'dark' : 'light';
  return choice;
}

/** Applies `choice` now and on every OS change; returns the unsubscribe. */
export function applyTheme(choice: ThemeChoice, win: Window = window): () => void {
  const query = win.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = () => {
    const resolved = resolveTheme(choice, query?.matches ?? false);
    const root = win.document.documentElement;
    root.dataset.theme = resolved;
    root.style.colorScheme = resolved;
  };
  apply();
  if (choice !== 'system' || !query) return () => {};
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
