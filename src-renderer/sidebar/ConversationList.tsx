// The conversation list, virtualized: only the rows in view (plus a few) are in
// the DOM. Each row is a link and a menu of actions. Keys on a focused link:
// ↑/↓ move, F2 renames, Delete deletes (with Undo), Shift+F10 or the
// context-menu key opens the menu.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { TagSummary } from '../../src-shared/api/methods/conversations';
import type { ConversationDetails, Folder } from '../../src-shared/entities/library';
import { useTranslation } from '../i18n';
import { Icon } from '../shell/icons';
import { useStores, useSync, useThread } from '../state/context';
import { MenuButton, type MenuEntry } from '../ui/Menu';
import { GoalLinkDialog } from './GoalLinkDialog';
import { isMenuKey, openMenuBeside } from './menu-keys';
import { NameField } from './NameField';
import { MoveDialog, TagsDialog } from './OrganizeDialogs';
import { SpaceMoveDialog } from './SpaceMoveDialog';

const ROW_HEIGHT = 38;

type Organizing = { kind: 'move' | 'tags' | 'goals' | 'space'; conversation: ConversationDetails };

export function ConversationList({
  rows,
  folders,
  tags,
  renaming,
  onRenaming,
}: {
  rows: readonly ConversationDetails[];
  folders: readonly Folder[];
  tags: readonly TagSummary[];
  /** The conversation whose title is being edited. */
  renaming: string | null;
  onRenaming: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const { thread, conversations } = useStores();
  const openId = useThread((s) => s.conversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const [organizing, setOrganizing] = useState<Organizing | null>(null);
  const signedIn = useSync((s) => s.status?.account != null);
  const spaces = useSync((s) => s.spaces);
  const sharedSpaceName = (row: ConversationDetails) => spaces.find((space) => space.id === row.spaceId && space.kind === 'shared')?.name ?? null;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  // A rename asked for from elsewhere: bring its row into view, or give up if it is not listed.
  useEffect(() => {
    if (!renaming) return;
    const index = rows.findIndex((row) => row.id === renaming);
    if (index === -1) onRenaming(null);
    else virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [renaming, rows, virtualizer, onRenaming]);

  const focusRow = (index: number) => {
    if (index < 0 || index >= rows.length) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => {
      scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] a`)?.focus();
    });
  };

  const titleOf = (row: ConversationDetails) => row.title.trim() || t('sidebar.untitled');

  const open = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    void thread.open(id);
  };

  const remove = (index: number, row: ConversationDetails) => {
    void conversations.delete(row.id, row.title);
    focusRow(Math.min(index, rows.length - 2));
  };

  const archive = async (index: number, row: ConversationDetails) => {
    if (await conversations.setArchived(row, !row.archived)) focusRow(Math.min(index, rows.length - 2));
  };

  const onLinkKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number, row: ConversationDetails) => {
    if (isMenuKey(event)) {
      event.preventDefault();
      openMenuBeside(event.currentTarget);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(index + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      focusRow(event.key === 'Home' ? 0 : rows.length - 1);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      remove(index, row);
    } else if (event.key === 'F2') {
      event.preventDefault();
      onRenaming(row.id);
    }
  };

  const entriesFor = (index: number, row: ConversationDetails): MenuEntry[] => [
    { label: t('sidebar.rename'), run: () => onRenaming(row.id) },
    {
      label: row.pinned ? t('sidebar.unpin') : t('sidebar.pin'),
      run: () => void conversations.update(row.id, { pinned: !row.pinned }),
    },
    {
      label: row.archived ? t('sidebar.unarchive') : t('sidebar.archive'),
      run: () => void archive(index, row),
    },
    { label: t('sidebar.moveToFolder'), run: () => setOrganizing({ kind: 'move', conversation: row }) },
    { label: t('sidebar.editTags'), run: () => setOrganizing({ kind: 'tags', conversation: row }) },
    { label: t('goals.linkMenu'), run: () => setOrganizing({ kind: 'goals', conversation: row }) },
    ...(signedIn ? [{ label: t('sidebar.moveToSpace'), run: () => setOrganizing({ kind: 'space', conversation: row }) }] : []),
    { label: t('sidebar.delete'), danger: true, run: () => remove(index, row) },
  ];

  return (
    <>
      <div className="conversation-scroll" ref={scroller}>
        <ul className="conversation-list" aria-label={t('sidebar.conversations')} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <li
                key={row.id}
                data-index={item.index}
                aria-setsize={rows.length}
                aria-posinset={item.index + 1}
                className="conversation-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {renaming === row.id ? (
                  <NameField
                    label={t('sidebar.renameLabel')}
                    initial={row.title}
                    onDone={(title, byKey) => {
                      onRenaming(null);
                      if (title) void conversations.update(row.id, { title });
                      if (byKey) focusRow(item.index);
                    }}
                  />
                ) : (
                  <>
                    <a
                      href={`#conversation-${row.id}`}
                      aria-current={row.id === openId ? 'page' : undefined}
                      aria-describedby={sharedSpaceName(row) ? `space-of-${row.id}` : undefined}
                      onClick={(event) => open(event, row.id)}
                      onKeyDown={(event) => onLinkKeyDown(event, item.index, row)}
                      onContextMenu={(event) => {
                        event.preventDefault();
                        openMenuBeside(event.currentTarget);
                      }}
                    >
                      {row.pinned && (
                        <span className="pin" title={t('sidebar.pinned')}>
                          <Icon name="pin" size={14} />
                          <span className="visually-hidden">{t('sidebar.pinned')}: </span>
                        </span>
                      )}
                      {titleOf(row)}
                    </a>
                    <SpaceLabel id={`space-of-${row.id}`} name={sharedSpaceName(row)} />
                    <MenuButton className="quiet row-menu" label={t('sidebar.actions')} entries={entriesFor(item.index, row)}>
                      ⋯
                    </MenuButton>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {organizing?.kind === 'move' && (
        <MoveDialog conversation={organizing.conversation} folders={folders} onClose={() => setOrganizing(null)} />
      )}
      {organizing?.kind === 'space' && <SpaceMoveDialog conversation={organizing.conversation} onClose={() => setOrganizing(null)} />}
      {organizing?.kind === 'goals' && <GoalLinkDialog conversation={organizing.conversation} onClose={() => setOrganizing(null)} />}
      {organizing?.kind === 'tags' && (
        <TagsDialog conversation={organizing.conversation} known={tags} onClose={() => setOrganizing(null)} />
      )}
    </>
  );
}

/** A small label beside a conversation in a shared space (the personal space has none); it describes the row's link. */
function SpaceLabel({ id, name }: { id: string; name: string | null }) {
  const { t } = useTranslation();
  if (!name) return null;
  return (
    <span className="space-label" id={id} title={t('sidebar.inSpace', { name })}>
      <Icon name="team" size={12} />
      <span className="visually-hidden">{t('sidebar.inSpace', { name })}</span>
      <span className="space-name" aria-hidden="true">
        {name}
      </span>
    </span>
  );
}
