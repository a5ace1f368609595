// Where the sidebar looks: all conversations, one folder, or the archived ones.
// Folders are made, renamed and deleted here; each has a menu like a conversation
// (the "⋯" button, or Shift+F10 / the context-menu key on the folder; F2 renames).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Folder } from '../../src-shared/entities/library';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { Icon } from '../shell/icons';
import { useStores } from '../state/context';
import { MenuButton } from '../ui/Menu';
import { NameField } from './NameField';
import { isMenuKey, openMenuBeside } from './menu-keys';
import type { ConversationFilter } from './organizer';

export function FolderList({
  folders,
  filter,
  onFilter,
  onReload,
}: {
  folders: readonly Folder[];
  filter: ConversationFilter;
  onFilter: (filter: ConversationFilter) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { api, ui, conversations } = useStores();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  // A folder whose button takes focus once it is shown (after editing its name, or making it).
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const newFolderButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const button = focusTarget && list.current?.querySelector<HTMLElement>(`[data-folder-id="${focusTarget}"]`);
    if (!button) return;
    button.focus();
    setFocusTarget(null);
  }, [focusTarget, folders, renaming]);

  const show = (next: Pick<ConversationFilter, 'archived' | 'folderId'>) => onFilter({ ...filter, ...next });
  const failed = (error: unknown) => ui.toast(userMessage(error), { tone: 'error' });

  const create = async (name: string, focus: boolean) => {
    try {
      const folder = await api.call('folder.create', { name });
      onReload();
      show({ archived: false, folderId: folder.id });
      if (focus) setFocusTarget(folder.id);
    } catch (error) {
      failed(error);
    }
  };

  const rename = async (folder: Folder, name: string) => {
    try {
      await api.call('folder.rename', { id: folder.id, name });
      onReload();
    } catch (error) {
      failed(error);
    }
  };

  const remove = async (folder: Folder) => {
    if (!window.confirm(t('sidebar.confirmDeleteFolder', { name: folder.name }))) return;
    try {
      await api.call('folder.delete', { id: folder.id });
      if (filter.folderId === folder.id) show({ archived: false, folderId: null });
      // Its conversations are in no folder now.
      void conversations.refresh();
      onReload();
      ui.toast(t('sidebar.folderDeleted', { name: folder.name }));
    } catch (error) {
      failed(error);
    }
  };

  const onFolderKeyDown = (event: KeyboardEvent<HTMLButtonElement>, folder: Folder) => {
    if (isMenuKey(event)) {
      event.preventDefault();
      openMenuBeside(event.currentTarget);
    } else if (event.key === 'F2') {
      event.preventDefault();
      setRenaming(folder.id);
    }
  };

  const current = (selected: boolean) => (selected ? ('true' as const) : undefined);
  const all = !filter.archived && filter.folderId === null;

  return (
    <nav className="sidebar-views" aria-labelledby="sidebar-folders-heading">
      <div className="sidebar-row">
        <h2 id="sidebar-folders-heading" className="sidebar-heading">
          {t('sidebar.folders')}
        </h2>
        <button type="button" ref={newFolderButton} className="quiet small" onClick={() => setCreating(true)}>
          {t('sidebar.newFolder')}
        </button>
      </div>
      <ul className="view-list" ref={list}>
        <li className="view-row">
          <button type="button" className="view-button" aria-current={current(all)} onClick={() => show({ archived: false, folderId: null })}>
            <Icon name="all" size={16} />
            {t('sidebar.allConversations')}
          </button>
        </li>
        {folders.map((folder) => (
          <li key={folder.id} className="view-row">
            {renaming === folder.id ? (
              <NameField
                label={t('sidebar.folderName')}
                initial={folder.name}
                onDone={(name, byKey) => {
                  setRenaming(null);
                  if (byKey) setFocusTarget(folder.id);
                  if (name) void rename(folder, name);
                }}
              />
            ) : (
              <>
                <button
                  type="button"
                  className="view-button"
                  data-folder-id={folder.id}
                  aria-current={current(!filter.archived && filter.folderId === folder.id)}
                  onClick={() => show({ archived: false, folderId: folder.id })}
                  onKeyDown={(event) => onFolderKeyDown(event, folder)}
                >
                  <Icon name="folder" size={16} />
                  <span className="view-name">{folder.name}</span>
                </button>
                <MenuButton
                  className="quiet row-menu"
                  label={t('sidebar.folderActions', { name: folder.name })}
                  entries={[
                    { label: t('sidebar.rename'), run: () => setRenaming(folder.id) },
                    { label: t('sidebar.deleteFolder'), danger: true, run: () => void remove(folder) },
                  ]}
                >
                  ⋯
                </MenuButton>
              </>
            )}
          </li>
        ))}
        {creating && (
          <li className="view-row">
            <NameField
              label={t('sidebar.folderName')}
              initial=""
              onDone={(name, byKey) => {
                setCreating(false);
                if (name) void create(name, byKey);
                else if (byKey) newFolderButton.current?.focus();
              }}
            />
          </li>
        )}
        <li className="view-row">
          <button type="button" className="view-button" aria-current={current(filter.archived)} onClick={() => show({ archived: true, folderId: null })}>
            <Icon name="archive" size={16} />
            {t('sidebar.archived')}
          </button>
        </li>
      </ul>
    </nav>
  );
}

