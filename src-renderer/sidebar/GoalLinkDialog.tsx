// Linking a conversation to goals from its menu: every goal with a checkbox, a
// change saved at once. A failure is said inside the dialog.
import { useState } from 'react';
import type { ConversationDetails } from '../../src-shared/entities/library';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { useModalDialog } from '../shell/useModalDialog';
import { useStores } from '../state/context';
import { useQuery } from '../ui/useQuery';

export function GoalLinkDialog({ conversation, onClose }: { conversation: ConversationDetails; onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const dialog = useModalDialog(true);
  const goals = useQuery(() => api.call('goal.list', {}), []);
  const [error, setError] = useState<string | null>(null);
  const title = conversation.title.trim() || t('sidebar.untitled');

  const setLinked = async (goalId: string, linked: boolean) => {
    try {
      await api.call('goal.link', { goalId, target: { kind: 'conversation', id: conversation.id }, linked });
      setError(null);
      goals.reload();
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  const list = goals.status === 'ready' ? goals.data : [];
  return (
    <dialog ref={dialog} className="dialog organize-dialog" aria-labelledby="goal-link-title" onClose={onClose}>
      <header className="dialog-header">
        <h2 id="goal-link-title">{t('goals.linkTitle', { title })}</h2>
      </header>
      <div className="dialog-body">
        <fieldset className="folder-choices">
          <legend className="hint">{t('goals.linkHint')}</legend>
          {list.map((goal) => (
            <label key={goal.id} className="choice">
              <input
                type="checkbox"
                checked={goal.links.some((link) => link.kind === 'conversation' && link.id === conversation.id)}
                onChange={(event) => void setLinked(goal.id, event.target.checked)}
              />
              {goal.title}
            </label>
          ))}
        </fieldset>
        {goals.status === 'ready' && list.length === 0 && <p className="hint">{t('goals.noGoals')}</p>}
        {goals.status === 'error' && <p className="form-status error">{goals.message}</p>}
        {error && (
          <p className="form-status error" role="alert">
            {error}
          </p>
        )}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="primary" onClick={() => dialog.current?.close()}>
          {t('common.close')}
        </button>
      </footer>
    </dialog>
  );
}
