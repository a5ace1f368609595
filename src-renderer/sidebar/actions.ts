// Conversation actions that the sidebar's menu and the command palette share.
import type { ConversationDetails } from '../../src-shared/entities/library';
import { t } from '../i18n';
import type { AppController } from '../state/app-store';
import type { UiController } from '../state/ui-store';

/** Archives (or brings back) a conversation, with Undo in the toast; false when that failed. */
export async function setArchived(app: AppController, ui: UiController, conversation: ConversationDetails, archived: boolean): Promise<boolean> {
  if (!(await app.updateConversation(conversation.id, { archived }))) return false;
  const title = conversation.title.trim() || t('sidebar.untitled');
  const text = archived ? t('sidebar.archivedOne', { title }) : t('sidebar.unarchivedOne', { title });
  ui.toast(text, { action: { label: t('common.undo'), run: () => void app.updateConversation(conversation.id, { archived: !archived }) } });
  return true;
}
