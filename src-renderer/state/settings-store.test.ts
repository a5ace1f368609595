import { describe, expect, it } from 'vitest';
import { SettingsStore } from './settings-store';
import { memoryStorage } from './test-support';

describe('SettingsStore', () => {
  it('remembers theme and language between sessions', () => {
    const storage = memoryStorage();
    const first = new SettingsStore(storage);
    first.setTheme('dark');
    first.setLanguage('de');
    const second = new SettingsStore(storage);
    expect(second.state).toMatchObject({ theme: 'dark', language: 'de' });
  });

  it('cycles system → light → dark → system', () => {
    const settings = new SettingsStore(null);
    expect([settings.cycleTheme(), settings.cycleTheme(), settings.cycleTheme()]).toEqual(['light', 'dark', 'system']);
  });

  it('opens on the tab asked for, else where it was left', () => {
    const settings = new SettingsStore(null);
    settings.open('keys');
    expect(settings.state).toMatchObject({ open: true, tab: 'keys' });
    settings.setTab('data');
    settings.close();
    settings.open();
    expect(settings.state).toMatchObject({ open: true, tab: 'data' });
  });
});
