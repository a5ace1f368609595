// What the personas and pipelines screens share: their list from the core, the
// item being edited and its draft, and saving or deleting it with a sentence
// saying how that went. Each screen brings its draft and the fields a save sends.
import { useState, type FormEvent } from 'react';
import { userMessage } from '../api/errors';
import { callMethod, hasMethod } from '../api/features';
import { useTranslation } from '../i18n';
import { useApi, useUi } from '../state/context';
import { useQuery } from '../ui/useQuery';
import type { EditorStatus } from './LibraryPage';

export interface LibraryEditorOptions<Item, Draft> {
  /** Where the screen's sentences are translated: needName, saved, confirmDelete, deleted. */
  section: 'personas' | 'pipelines';
  methods: { list: string; save: string; delete: string };
  /** The draft shown before anything is picked. */
  initial: Draft;
  /** The draft of an item, or of a new one (null). */
  draftOf(item: Item | null): Draft;
  /** What a save sends besides the id and the trimmed name. */
  fieldsOf(draft: Draft): Record<string, unknown>;
}

export function useLibraryEditor<Item extends { id: string; name: string }, Draft extends { name: string }>(
  options: LibraryEditorOptions<Item, Draft>,
) {
  const { section, methods } = options;
  const { t } = useTranslation();
  const api = useApi();
  const ui = useUi();
  const available = hasMethod(methods.list);
  const query = useQuery(async () => (await callMethod(api, methods.list, {})) as Item[], [], available);
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
      const saved = (await callMethod(api, methods.save, {
        ...(editing ? { id: editing } : {}),
        name: draft.name.trim(),
        ...options.fieldsOf(draft),
      })) as Item;
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
      await callMethod(api, methods.delete, { id: editing });
      ui.toast(t(`${section}.deleted`, { name: draft.name }), { tone: 'success' });
      edit(null);
      query.reload();
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    }
  };

  return {
    available,
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
