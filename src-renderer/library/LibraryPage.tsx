// The frame the personas, pipelines and goals screens share: a page header, a
// list on the left with a "new" button, and the editor beside it.
import type { ReactNode } from 'react';
import { useTranslation } from '../i18n';
import type { Query } from '../ui/useQuery';
import './library.css';

interface LibraryPageProps<T extends { id: string }> {
  title: string;
  listLabel: string;
  newLabel: string;
  emptyText: string;
  query: Query<T[]>;
  items: T[];
  editingId: string | null;
  onNew(): void;
  onPick(item: T): void;
  renderItem(item: T): ReactNode;
  /** Controls above the list, such as a filter. */
  listTools?: ReactNode;
  /** The editor and anything beside it. */
  children: ReactNode;
}

export function LibraryPage<T extends { id: string }>(props: LibraryPageProps<T>) {
  const { query, items, editingId } = props;
  return (
    <div className="chat">
      <header className="page-header">
        <h1>{props.title}</h1>
      </header>
      <div className="page">
        <div className="page-section">
          <div className="master-detail">
            <nav aria-label={props.listLabel}>
              <button type="button" className="primary" onClick={props.onNew}>
                {props.newLabel}
              </button>
              {props.listTools}
              {query.status === 'error' && <p className="form-status error">{query.message}</p>}
              <ul className="item-list">
                {items.map((item) => (
                  <li key={item.id}>
                    <button
                      type="button"
                      className="item-button"
                      aria-current={item.id === editingId ? 'true' : undefined}
                      onClick={() => props.onPick(item)}
                    >
                      {props.renderItem(item)}
                    </button>
                  </li>
                ))}
              </ul>
              {query.status === 'ready' && items.length === 0 && <p className="hint">{props.emptyText}</p>}
            </nav>
            {props.children}
          </div>
        </div>
      </div>
    </div>
  );
}

export type EditorStatus = { tone: 'success' | 'error'; text: string } | null;

/** Save (and Delete for a saved item), then the status line the editor speaks through. */
export function EditorActions({ editing, onDelete, status, children }: { editing: boolean; onDelete(): void; status: EditorStatus; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="form-actions">
        {children}
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
        {editing && (
          <button type="button" className="danger" onClick={onDelete}>
            {t('common.delete')}
          </button>
        )}
      </div>
      <p role="status" className={`form-status ${status?.tone ?? ''}`}>
        {status?.text}
      </p>
    </>
  );
}
