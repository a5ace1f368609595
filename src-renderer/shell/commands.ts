// What each command does. The keyboard shortcuts, the command palette and the
// navigation rail all end here, so a command behaves the same however it is given.
import { t } from '../i18n';
import type { Stores } from '../state/stores';
import type { View } from '../state/ui-store';
import type { Command } from './shortcuts';

export type CommandStores = Pick<Stores, 'conversations' | 'thread' | 'settings' | 'ui'>;

export function runCommand(command: Command, { conversations, thread, settings, ui }: CommandStores): void {
  switch (command) {
    case 'palette':
      return ui.state.paletteOpen ? ui.closePalette() : ui.openPalette();
    case 'newChat':
      ui.setView('chat');
      thread.newChat();
      return focusComposerSoon();
    case 'search':
      return ui.focusSearch();
    case 'focusComposer':
      ui.setView('chat');
      return focusComposerSoon();
    case 'settings':
      ui.closePalette();
      return settings.open();
    case 'cycleTheme': {
      const theme = settings.cycleTheme();
      ui.toast(t('theme.changed', { theme: t(`theme.${theme}`) }));
      return;
    }
    case 'shortcuts':
      return ui.setShortcutsOpen(true);
    case 'previousConversation':
    case 'nextConversation': {
      const ids = conversations.listedIds();
      if (ids.length === 0) return;
      const current = ids.indexOf(thread.state.conversationId ?? '');
      const step = command === 'nextConversation' ? 1 : -1;
      const next = current === -1 ? 0 : Math.min(ids.length - 1, Math.max(0, current + step));
      ui.setView('chat');
      void thread.open(ids[next]!);
      return;
    }
    default:
      ui.setView(command.slice('view.'.length) as View);
  }
}

function focusComposerSoon(): void {
  // After React has shown the chat view. The caret is put at the end explicitly: focus
  // that came back from a closed dialog can leave the selection outside the box.
  requestAnimationFrame(() => {
    const input = document.getElementById('composer-input') as HTMLTextAreaElement | null;
    if (!input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  });
}
