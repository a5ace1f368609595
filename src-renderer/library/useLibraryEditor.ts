// What the personas and pipelines screens share: their list from the core, the
// item being edited and its draft, and saving or deleting it with a sentence
// saying how that went. Each screen brings its draft and its three calls, each
// naming its contract method, so the items are the contract's types.
import { useState, type FormEvent } from 'react';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useStores } from '../state/context';
import { useQuery } from '../ui/useQuery';
import type { EditorStatus } from './LibraryPage';

export interface LibraryEditorOptions<Item, Draft> {
  /** Where the screen's sentences are translated: needName, saved, confirmDelete, deleted. */
  section: 'personas' | 'pipelines';
  list(): Promise<Item[]>;
  /** Saves the draft as a new item (id null) or over the one being edited. */
  save(id: string | null, draft: Draft): Promise<Item>;
  remove(id: string): Promise<unknown>;
  /** The draft shown before anything is picked. */
  initial: Draft;
  /** The draft of an item, or of a new one (null). */
  draftOf(item: Item | null): Draft;
}

export function useLibraryEditor<Item extends { id: string; name: string }, Draft extends { name: string }>(
  options: LibraryEditorOptions<Item, Draft>,
) {
  const { section } = options;
  const { t } = useTranslation();
  const { ui } = useStores();
  const query = useQuery(() => options.list(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(options.initial);
  const [status, setStatus] = useState<EditorStatus>(null);

  const edit = (item: Item | null) => {
    setEditing(item?.id ?? null);
    setDraft(options.draftOf(item));
    setStatus(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.name.trim()) {
      setStatus({ tone: 'error', text: t(`${section}.needName`) });
      return;
    }
    try {
      const saved = await options.save(editing, draft);
      setEditing(saved.id);
      setStatus({ tone: 'success', text: t(`${section}.saved`, { name: saved.name }) });
      query.reload();
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    }
  };

  const remove = async () => {
    if (!editing || !window.confirm(t(`${section}.confirmDelete`, { name: draft.name }))) return;
    try {
      await options.remove(editing);
      ui.toast(t(`${section}.deleted`, { name: draft.name }), { tone: 'success' });
      edit(null);
      query.reload();
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    }
  };

  return {
    query,
    list: query.status === 'ready' ? query.data : [],
    editing,
    draft,
    setDraft,
    status,
    edit,
    save,
    remove,
  };
}
