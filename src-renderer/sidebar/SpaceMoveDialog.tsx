// Moving a conversation into a shared space, from its menu: the spaces the
// account can edit (owner or editor), one chosen, Move. Everyone in the space
// then sees it. A failure is said inside the dialog.
import { useState, type FormEvent } from 'react';
import type { ConversationDetails } from '../../src-shared/entities/library';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useModalDialog } from '../shell/useModalDialog';
import { useStores, useSync } from '../state/context';
import { useQuery } from '../ui/useQuery';

export function SpaceMoveDialog({ conversation, onClose }: { conversation: ConversationDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const { sync, conversations, ui } = useStores();
  const dialog = useModalDialog(true);
  const signedIn = useSync((s) => s.status?.account != null);
  const spaces = useQuery(async () => (signedIn ? sync.refreshSpaces() : []), [sync, signedIn]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = conversation.title.trim() || t('sidebar.untitled');

  const editable = (spaces.data ?? []).filter((space) => space.kind === 'shared' && space.role !== 'viewer' && space.id !== conversation.spaceId);

  const move = async (event: FormEvent) => {
    event.preventDefault();
    const target = editable.find((space) => space.id === chosen);
    if (!target || busy) return;
    setBusy(true);
    try {
      await sync.moveConversation(conversation.id, target.id);
      await conversations.refresh();
      ui.toast(t('sidebar.movedToSpace', { title, space: target.name }), { tone: 'success' });
      dialog.current?.close();
    } catch (failure) {
      setError(userMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog organize-dialog" aria-labelledby="space-move-title" onClose={onClose}>
      <form onSubmit={(event) => void move(event)}>
        <header className="dialog-header">
          <h2 id="space-move-title">{t('sidebar.moveSpaceTitle', { title })}</h2>
        </header>
        <div className="dialog-body">
          <fieldset className="folder-choices">
            <legend className="hint">{t('sidebar.moveSpaceHint')}</legend>
            {editable.map((space) => (
              <label key={space.id} className="choice">
                <input type="radio" name="space" value={space.id} checked={chosen === space.id} onChange={() => setChosen(space.id)} />
                {t('sidebar.spaceChoice', { name: space.name, role: t(`sync.role.${space.role}`) })}
              </label>
            ))}
          </fieldset>
          {spaces.status !== 'loading' && editable.length === 0 && <p className="hint">{t('sidebar.noSharedSpaces')}</p>}
          {spaces.status === 'error' && <p className="form-status error">{spaces.message}</p>}
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
          <button type="submit" className="primary" aria-disabled={busy || !chosen}>
            {t('sidebar.move')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
