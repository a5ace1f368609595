// The conversation list, virtualized: only the rows in view (plus a few) are in
// the DOM. Each row is a link and a menu of actions. Keys on a focused link:
// ↑/↓ move, F2 renames, Delete deletes (with Undo).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from '../i18n';
import type { Conversation } from '../../src-shared/domain';
import type { ConversationDetails } from '../../src-shared/models/library';
import { FEATURE_METHODS, hasMethod } from '../api/features';
import { useAppState, useController } from '../state/context';
import { Icon } from '../shell/icons';
import { MenuButton, type MenuEntry } from '../ui/Menu';

/** What the list shows; the organising fields arrive once the core sends them. */
export type ConversationRow = Conversation & Partial<Pick<ConversationDetails, 'pinned' | 'archived' | 'tags' | 'folderId'>>;

const ROW_HEIGHT = 38;

export function ConversationList({ rows }: { rows: readonly ConversationRow[] }) {
  const { t } = useTranslation();
  const controller = useController();
  const openId = useAppState((s) => s.openConversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const canUpdate = hasMethod(FEATURE_METHODS.conversationUpdate);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  const focusRow = (index: number) => {
    if (index < 0 || index >= rows.length) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => {
      scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] a`)?.focus();
    });
  };

  const open = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    void controller.openConversation(id);
  };

  const onLinkKeyDown = (event: KeyboardEvent<HTMLAnchorElement>, index: number, row: ConversationRow) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(index + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      focusRow(event.key === 'Home' ? 0 : rows.length - 1);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      controller.deleteConversation(row.id);
      focusRow(Math.min(index, rows.length - 2));
    } else if (event.key === 'F2' && canUpdate) {
      event.preventDefault();
      setRenaming(row.id);
    }
  };

  const entriesFor = (row: ConversationRow): MenuEntry[] => {
    const entries: MenuEntry[] = [];
    if (canUpdate) {
      entries.push({ label: t('sidebar.rename'), run: () => setRenaming(row.id) });
      entries.push({
        label: row.pinned ? t('sidebar.unpin') : t('sidebar.pin'),
        run: () => void controller.updateConversation(row.id, { pinned: !row.pinned }),
      });
      entries.push({
        label: row.archived ? t('sidebar.unarchive') : t('sidebar.archive'),
        run: () => void controller.updateConversation(row.id, { archived: !row.archived }),
      });
    }
    entries.push({ label: t('sidebar.delete'), danger: true, run: () => controller.deleteConversation(row.id) });
    return entries;
  };

  return (
    <div className="conversation-scroll" ref={scroller}>
      <ul className="conversation-list" aria-label={t('sidebar.conversations')} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const title = row.title.trim() || t('sidebar.untitled');
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
                <RenameField
                  title={row.title}
                  onDone={(next) => {
                    setRenaming(null);
                    if (next !== null && next !== row.title) void controller.updateConversation(row.id, { title: next });
                    focusRow(item.index);
                  }}
                />
              ) : (
                <>
                  <a
                    href={`#conversation-${row.id}`}
                    aria-current={row.id === openId ? 'page' : undefined}
                    onClick={(event) => open(event, row.id)}
                    onKeyDown={(event) => onLinkKeyDown(event, item.index, row)}
                  >
                    {row.pinned && (
                      <span className="pin" title={t('sidebar.pinned')}>
                        <Icon name="pin" size={14} />
                        <span className="visually-hidden">{t('sidebar.pinned')}: </span>
                      </span>
                    )}
                    {title}
                  </a>
                  <MenuButton className="quiet row-menu" label={t('sidebar.actions')} entries={entriesFor(row)}>
                    ⋯
                  </MenuButton>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function RenameField({ title, onDone }: { title: string; onDone: (title: string | null) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(title);
  const finished = useRef(false);
  const finish = (next: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(next);
  };
  return (
    <input
      className="rename-field"
      aria-label={t('sidebar.renameLabel')}
      value={value}
      autoFocus
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(value.trim() || title);
        else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          finish(null);
        }
      }}
      onBlur={() => finish(value.trim() || title)}
    />
  );
}
