// Hits for what was typed in the search box: full-text snippets, their inline
// markdown rendered, that jump to the message.
import { useTranslation } from '../i18n';
import type { SearchState } from './search';
import { SnippetText } from './SnippetText';

export function SearchResults({
  state,
  onOpen,
}: {
  state: SearchState;
  onOpen: (conversationId: string, messageId: string) => void;
}) {
  const { t } = useTranslation();
  if (state.kind === 'idle') return null;

  let status: string;
  if (state.kind === 'error') status = state.message;
  else if (state.kind === 'searching') status = t('search.searching');
  else status = t('search.found', { count: state.hits.length, more: state.more ? '+' : '' });

  return (
    <div className="search-results">
      <p className="hint" role="status">
        {status}
      </p>
      <ul className="search-hits" aria-label={t('search.results')}>
        {(state.kind === 'done' || state.kind === 'searching') &&
          state.hits.map((hit) => (
            <li key={hit.messageId}>
              <a
                href={`#message-${hit.messageId}`}
                onClick={(event) => {
                  event.preventDefault();
                  onOpen(hit.conversationId, hit.messageId);
                }}
              >
                <span className="hit-title">{hit.conversationTitle.trim() || t('sidebar.untitled')}</span>
                <SnippetText snippet={hit.snippet} />
                <span className="hit-meta">
                  {t(`roles.${hit.role}`)}
                  {hit.model ? ` · ${hit.model}` : ''} · {new Date(hit.createdAt).toLocaleDateString()}
                </span>
              </a>
            </li>
          ))}
      </ul>
    </div>
  );
}
