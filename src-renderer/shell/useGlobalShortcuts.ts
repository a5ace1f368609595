// One keydown listener for the window's shortcuts; typing in a field is left
// alone unless the shortcut uses Ctrl/Cmd or Alt.
import { useEffect } from 'react';
import { useStores } from '../state/context';
import { runCommand } from './commands';
import { isMacPlatform, matchShortcut } from './shortcuts';

export function useGlobalShortcuts(): void {
  const stores = useStores();
  useEffect(() => {
    const isMac = isMacPlatform(navigator);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const command = matchShortcut(event, isMac);
      if (!command) return;
      // Alt+↑/↓ inside a text field moves nothing we own; let lists and selects keep it.
      const target = event.target as HTMLElement | null;
      if (command.endsWith('Conversation') && target?.closest('select, [role="listbox"], [role="menu"]')) return;
      event.preventDefault();
      runCommand(command, stores);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}
