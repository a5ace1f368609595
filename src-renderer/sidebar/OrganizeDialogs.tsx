// The two conversation actions that need more than a click: moving it to a folder
// and editing its tags. Modal dialogs; a failure is said inside the dialog, and
// closing puts focus back on the menu button they were opened from.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TagSummary } from '../../src-shared/api/methods/conversations';
import type { ConversationDetails, Folder } from '../../src-shared/entities/library';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useModalDialog } from '../shell/useModalDialog';
import { useStores } from '../state/context';

const sameTag = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

export function MoveDialog({
  conversation,
  folders,
  onClose,
}: {
  conversation: ConversationDetails;
  folders: readonly Folder[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { api, conversations } = useStores();
  const dialog = useModalDialog(true);
  const [choice, setChoice] = useState(conversation.folderId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = conversation.title.trim() || t('sidebar.untitled');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await api.call('conversation.update', { id: conversation.id, folderId: choice || null });
      void conversations.refresh();
      dialog.current?.close();
    } catch (failure) {
      setError(userMessage(failure));
      setBusy(false);
    }
  };

  const option = (value: string, label: string) => (
    <label key={value} className="choice">
      <input type="radio" name="folder" value={value} checked={choice === value} onChange={() => setChoice(value)} />
      {label}
    </label>
  );

  return (
    <dialog ref={dialog} className="dialog organize-dialog" aria-labelledby="move-dialog-title" onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <header className="dialog-header">
          <h2 id="move-dialog-title">{t('sidebar.moveTitle', { title })}</h2>
        </header>
        <div className="dialog-body">
          <fieldset className="folder-choices">
            <legend className="visually-hidden">{t('sidebar.folder')}</legend>
            {option('', t('sidebar.noFolder'))}
            {folders.map((folder) => option(folder.id, folder.name))}
          </fieldset>
          {folders.length === 0 && <p className="hint">{t('sidebar.noFoldersYet')}</p>}
          {error && (
            <p className="form-status error" role="alert">
              {error}
            </p>
          )}
        </div>
        <footer className="dialog-footer">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" aria-disabled={busy}>
            {t('sidebar.move')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

export function TagsDialog({
  conversation,
  known,
  onClose,
}: {
  conversation: ConversationDetails;
  known: readonly TagSummary[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { api, conversations } = useStores();
  const dialog = useModalDialog(true);
  const input = useRef<HTMLInputElement>(null);
  const [tags, setTags] = useState<readonly string[]>(conversation.tags);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const title = conversation.title.trim() || t('sidebar.untitled');

  // After showModal (the hook's effect runs first), so the field to type in has focus.
  useEffect(() => input.current?.focus(), []);

  const save = async (next: readonly string[]): Promise<boolean> => {
    try {
      const updated = await api.call('conversation.update', { id: conversation.id, tags: [...next] });
      setTags(updated.tags);
      setError(null);
      void conversations.refresh();
      return true;
    } catch (failure) {
      setError(userMessage(failure));
      return false;
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = draft.trim().replace(/^#+/, '').trim();
    if (!name) return;
    if (tags.some((tag) => sameTag(tag, name)) || (await save([...tags, name]))) setDraft('');
  };

  const remove = async (name: string) => {
    await save(tags.filter((tag) => tag !== name));
    input.current?.focus();
  };

  const suggestions = known.filter((tag) => !tags.some((name) => sameTag(name, tag.name)));

  return (
    <dialog ref={dialog} className="dialog organize-dialog" aria-labelledby="tags-dialog-title" onClose={onClose}>
      <header className="dialog-header">
        <h2 id="tags-dialog-title">{t('sidebar.tagsTitle', { title })}</h2>
      </header>
      <div className="dialog-body">
        {tags.length > 0 ? (
          <ul className="tag-editor" aria-label={t('sidebar.currentTags')}>
            {tags.map((name) => (
              <li key={name} className="tag-chip">
                <span aria-hidden="true">#</span>
                {name}
                <button type="button" className="quiet tag-remove" aria-label={t('sidebar.removeTag', { tag: name })} onClick={() => void remove(name)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{t('sidebar.noTags')}</p>
        )}
        <form className="tag-add" onSubmit={(event) => void add(event)}>
          <label htmlFor="tag-add-input">{t('sidebar.addTag')}</label>
          <div className="tag-add-row">
            <input
              id="tag-add-input"
              ref={input}
              list="tag-add-suggestions"
              value={draft}
              maxLength={60}
              autoComplete="off"
              onChange={(event) => setDraft(event.target.value)}
            />
            <button type="submit">{t('common.add')}</button>
          </div>
          <datalist id="tag-add-suggestions">
            {suggestions.map((tag) => (
              <option key={tag.id} value={tag.name} />
            ))}
          </datalist>
        </form>
        {error && (
          <p className="form-status error" role="alert">
            {error}
          </p>
        )}
      </div>
      <footer className="dialog-footer">
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('sidebar.done')}
        </button>
      </footer>
    </dialog>
  );
}
