// The left column: new chat, search-as-you-type over all history, where to look
// (all, a folder, archived; a tag), and the conversation list (virtualized, so
// ten thousand conversations cost the same as ten). Items are links named by
// their titles, so a title never collides with a button's name. In a narrow
// window it is a drawer: it takes focus when opened, Escape or Close shut it,
// and opening a conversation from it shuts it too.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import { useConversations, useStores, useUiState } from '../state/context';
import { ConversationList } from './ConversationList';
import { FolderList } from './FolderList';
import { EVERYTHING, useListed, useOrganizer, type ConversationFilter } from './organizer';
import { SearchResults } from './SearchResults';
import { SyncIndicator } from './SyncIndicator';
import { useHistorySearch } from './search';
import { TagFilter } from './TagFilter';
import './sidebar.css';

export function Sidebar() {
  const { t } = useTranslation();
  const { api, ui, thread, settings } = useStores();
  const view = useUiState((s) => s.view);
  const focusRequest = useUiState((s) => s.searchFocusRequest);
  const renameRequest = useUiState((s) => s.renameRequest);
  const drawerOpen = useUiState((s) => s.drawerOpen);
  const conversations = useConversations((s) => s.conversations);
  const pending = useConversations((s) => s.pendingDeletes);
  const recentLoaded = useConversations((s) => s.loaded);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<ConversationFilter>(EVERYTHING);
  const [renaming, setRenaming] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const newChatButton = useRef<HTMLButtonElement>(null);
  const search = useHistorySearch(api, query);
  const organizer = useOrganizer(api, conversations);
  const listed = useListed(api, filter, conversations, recentLoaded);

  useEffect(() => {
    if (focusRequest > 0) searchBox.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    if (drawerOpen) newChatButton.current?.focus();
  }, [drawerOpen]);

  // A rename asked for elsewhere (the palette, for a conversation of the recent list)
  // happens in the list, so the list is shown, and shows it.
  const handledRename = useRef(renameRequest?.seq ?? 0);
  useEffect(() => {
    if (!renameRequest || renameRequest.seq === handledRename.current) return;
    handledRename.current = renameRequest.seq;
    setQuery('');
    if (!listed.rows.some((c) => c.id === renameRequest.conversationId)) setFilter(EVERYTHING);
    setRenaming(renameRequest.conversationId);
  }, [renameRequest, listed.rows]);

  // The core lists pinned conversations first, then newest-updated.
  const rows = useMemo(() => listed.rows.filter((c) => !pending.includes(c.id)), [listed.rows, pending]);
  const folder = filter.folderId ? organizer.folders.find((f) => f.id === filter.folderId) : undefined;

  if (view !== 'chat' && view !== 'compare') return null;

  const place = filter.archived ? t('sidebar.archived') : folder ? folder.name : t('sidebar.allConversations');
  const empty = filter.archived ? t('sidebar.emptyArchived') : filter.folderId || filter.tag ? t('sidebar.emptyFiltered') : t('sidebar.empty');

  return (
    <aside
      id="sidebar"
      className="sidebar"
      aria-label={t('sidebar.label')}
      onKeyDown={(event) => {
        // Menus, dialogs and fields inside handle their own Escape first.
        if (event.key !== 'Escape' || !drawerOpen || event.defaultPrevented || (event.target as Element).closest('dialog')) return;
        event.preventDefault();
        ui.closeDrawer();
      }}
      onClick={(event) => {
        // A conversation or a search hit opened: the drawer has done its job.
        if ((event.target as Element).closest('a')) ui.closeDrawer('view');
      }}
    >
      <div className="sidebar-top">
        <p className="brand">RealMultiLLM</p>
        <button type="button" className="drawer-close" onClick={() => ui.closeDrawer()}>
          {t('shell.closeMenu')}
        </button>
      </div>
      <button
        ref={newChatButton}
        type="button"
        className="primary"
        onClick={() => {
          ui.setView('chat');
          thread.newChat();
        }}
      >
        {t('sidebar.newChat')}
      </button>
      <div className="search-box" role="search">
        <label htmlFor="history-search" className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id="history-search"
          ref={searchBox}
          type="search"
          placeholder={t('search.placeholder')}
          value={query}
          autoComplete="off"
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query) {
              event.preventDefault();
              setQuery('');
            }
          }}
        />
      </div>
      {query.trim() ? (
        <SearchResults
          state={search}
          onOpen={(conversationId, messageId) => {
            ui.setView('chat');
            void thread.jumpToMessage(conversationId, messageId);
          }}
        />
      ) : (
        <>
          <FolderList folders={organizer.folders} filter={filter} onFilter={setFilter} onReload={organizer.reloadFolders} />
          <TagFilter tags={organizer.tags} selected={filter.tag} onSelect={(tag) => setFilter({ ...filter, tag })} />
          {(listed.problem ?? organizer.problem) && <p className="sidebar-problem">{listed.problem ?? organizer.problem}</p>}
          <h2 className="sidebar-heading" aria-live="polite">
            {filter.tag ? t('sidebar.placeWithTag', { place, tag: filter.tag }) : place}
          </h2>
          <ConversationList rows={rows} folders={organizer.folders} tags={organizer.tags} renaming={renaming} onRenaming={setRenaming} />
          {listed.loaded && rows.length === 0 && <p className="sidebar-empty">{empty}</p>}
        </>
      )}
      <div className="sidebar-foot">
        <SyncIndicator />
        <button type="button" onClick={() => settings.open('providers')}>
          {t('sidebar.providers')}
        </button>
      </div>
    </aside>
  );
}
