// The left column: new chat, search-as-you-type over all history, and the
// conversation list (virtualized, so ten thousand conversations cost the same
// as ten). Items are links named by their titles, so a title never collides
// with a button's name.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import { useApi, useAppState, useController, useUi, useUiState } from '../state/context';
import { ConversationList, type ConversationRow } from './ConversationList';
import { SearchResults } from './SearchResults';
import { useHistorySearch } from './search';

export function Sidebar() {
  const { t } = useTranslation();
  const controller = useController();
  const ui = useUi();
  const api = useApi();
  const view = useUiState((s) => s.view);
  const focusRequest = useUiState((s) => s.searchFocusRequest);
  const conversations = useAppState((s) => s.conversations);
  const pending = useAppState((s) => s.pendingDeletes);
  const loaded = useAppState((s) => s.conversationsLoaded);
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState('');
  const searchBox = useRef<HTMLInputElement>(null);
  const search = useHistorySearch(api, query, conversations);

  useEffect(() => {
    if (focusRequest > 0) searchBox.current?.focus();
  }, [focusRequest]);

  const rows = useMemo(() => {
    const visible = (conversations as ConversationRow[]).filter((c) => !pending.includes(c.id));
    const filtered = tag ? visible.filter((c) => c.tags?.includes(tag)) : visible;
    // Pinned first, each group keeping the core's newest-first order.
    return [...filtered.filter((c) => c.pinned), ...filtered.filter((c) => !c.pinned)];
  }, [conversations, pending, tag]);

  const tags = useMemo(() => {
    const all = new Set<string>();
    for (const c of conversations as ConversationRow[]) for (const name of c.tags ?? []) all.add(name);
    return [...all].sort((a, b) => a.localeCompare(b));
  }, [conversations]);

  if (view !== 'chat' && view !== 'compare') return null;

  return (
    <aside className="sidebar" aria-label={t('sidebar.label')}>
      <p className="brand">RealMultiLLM</p>
      <button
        type="button"
        className="primary"
        onClick={() => {
          ui.setView('chat');
          controller.newChat();
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
            if (messageId) void controller.jumpToMessage(conversationId, messageId);
            else void controller.openConversation(conversationId);
          }}
        />
      ) : (
        <>
          <div className="sidebar-row">
            <h2 className="sidebar-heading">{t('sidebar.recent')}</h2>
            {tags.length > 0 && (
              <select aria-label={t('sidebar.tagFilter')} value={tag} onChange={(event) => setTag(event.target.value)}>
                <option value="">{t('sidebar.allTags')}</option>
                {tags.map((name) => (
                  <option key={name} value={name}>
                    #{name}
                  </option>
                ))}
              </select>
            )}
          </div>
          <ConversationList rows={rows} />
          {loaded && rows.length === 0 && <p className="sidebar-empty">{t('sidebar.empty')}</p>}
        </>
      )}
      <button
        type="button"
        className="sidebar-settings"
        onClick={() => {
          ui.setSettingsTab('providers');
          controller.openProviderDialog();
        }}
      >
        {t('sidebar.providers')}
      </button>
    </aside>
  );
}
