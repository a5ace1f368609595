// Ctrl/Cmd+K: one box to reach every command, view, theme, language and
// conversation. A combobox with a listbox (arrow keys move, Enter runs, Escape closes).
import { useMemo, useState, type KeyboardEvent } from 'react';
import { LANGUAGES, useTranslation } from '../i18n';
import { useConversations, useStores, useThread, useUiState } from '../state/context';
import { THEMES } from '../state/settings-store';
import { VIEWS } from '../state/ui-store';
import { runCommand } from './commands';
import { filterPalette, type PaletteItem } from './palette-items';
import { describeKeys, isMacPlatform, SHORTCUTS, type Command } from './shortcuts';
import { useModalDialog } from './useModalDialog';

export function CommandPalette() {
  const open = useUiState((s) => s.paletteOpen);
  const { ui } = useStores();
  const dialog = useModalDialog(open);
  const { t } = useTranslation();
  return (
    <dialog ref={dialog} className="dialog palette" aria-label={t('palette.title')} onClose={() => ui.closePalette()}>
      {open && <PaletteBody />}
    </dialog>
  );
}

function PaletteBody() {
  const { t } = useTranslation();
  const stores = useStores();
  const { ui, settings, thread } = stores;
  const conversations = useConversations((s) => s.conversations);
  const pending = useConversations((s) => s.pendingDeletes);
  const openId = useThread((s) => s.conversationId);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const isMac = isMacPlatform(navigator);

  const items = useMemo<PaletteItem[]>(() => {
    const keysOf = (command: Command) => {
      const shortcut = SHORTCUTS.find((s) => s.command === command);
      return shortcut ? describeKeys(shortcut.keys, isMac) : undefined;
    };
    const command = (id: Command, label: string): PaletteItem => ({
      id,
      label,
      group: t('palette.groupCommand'),
      ...(keysOf(id) ? { keys: keysOf(id)! } : {}),
      run: () => runCommand(id, stores),
    });
    // The open conversation, when the sidebar lists it.
    const current = conversations.find((c) => c.id === openId && !pending.includes(c.id));
    const forCurrent = (id: string, label: string, run: () => void): PaletteItem => ({ id, label, group: t('palette.groupCommand'), run });
    const list: PaletteItem[] = [
      command('newChat', t('commands.newChat')),
      command('search', t('commands.search')),
      command('focusComposer', t('commands.focusComposer')),
      command('settings', t('commands.settings')),
      command('shortcuts', t('commands.shortcuts')),
      ...(current
        ? [
            forCurrent('current.rename', t('commands.renameConversation'), () => ui.requestRename(current.id)),
            forCurrent('current.pin', current.pinned ? t('commands.unpinConversation') : t('commands.pinConversation'), () => {
              void stores.conversations.update(current.id, { pinned: !current.pinned });
            }),
            forCurrent('current.archive', current.archived ? t('commands.unarchiveConversation') : t('commands.archiveConversation'), () => {
              void stores.conversations.setArchived(current, !current.archived);
            }),
          ]
        : []),
      ...VIEWS.map((view) => command(`view.${view}`, t('commands.goTo', { view: t(`nav.${view}`) }))),
      ...THEMES.map((theme) => ({
        id: `theme.${theme}`,
        label: t('commands.theme', { theme: t(`theme.${theme}`) }),
        group: t('palette.groupAppearance'),
        run: () => settings.setTheme(theme),
      })),
      ...LANGUAGES.map((language) => ({
        id: `language.${language.code}`,
        label: t('commands.language', { language: language.name }),
        group: t('palette.groupAppearance'),
        run: () => settings.setLanguage(language.code),
      })),
      ...conversations
        .filter((c) => !pending.includes(c.id))
        .map((c) => ({
          id: `conversation.${c.id}`,
          label: c.title.trim() || t('sidebar.untitled'),
          group: t('palette.groupConversation'),
          run: () => {
            ui.setView('chat');
            void thread.open(c.id);
          },
        })),
    ];
    return list;
  }, [t, stores, ui, settings, thread, conversations, pending, openId, isMac]);

  const shown = useMemo(() => filterPalette(items, query), [items, query]);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  const run = (item: PaletteItem | undefined) => {
    if (!item) return;
    ui.closePalette();
    item.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + shown.length) % Math.max(1, shown.length));
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActive(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(shown[current]);
    }
  };

  return (
    <div className="palette-body">
      <label htmlFor="palette-input" className="visually-hidden">
        {t('palette.inputLabel')}
      </label>
      <input
        id="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-autocomplete="list"
        aria-activedescendant={shown[current] ? `palette-${current}` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('palette.placeholder')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        autoFocus
      />
      <ul id="palette-list" role="listbox" aria-label={t('palette.results')} className="palette-list">
        {shown.map((item, index) => (
          // Options are chosen through the combobox (aria-activedescendant); a click works too.
          <li
            key={item.id}
            id={`palette-${index}`}
            role="option"
            aria-selected={index === current}
            className="palette-item"
            onMouseMove={() => index !== current && setActive(index)}
            onClick={() => run(item)}
          >
            <span className="palette-label">{item.label}</span>
            <span className="palette-group">{item.group}</span>
            {item.keys && <kbd>{item.keys}</kbd>}
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="palette-empty">{t('palette.nothing')}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {t('palette.count', { count: shown.length })}
      </p>
    </div>
  );
}
