// Choices remembered between sessions (localStorage). Storage can throw (disabled
// by policy, quota): a choice not remembered is harmless, so failures are ignored.

export type Preferences = Pick<Storage, 'getItem' | 'setItem'> | null;

export function readPreference(storage: Preferences, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writePreference(storage: Preferences, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Not remembering a choice is harmless.
  }
}
