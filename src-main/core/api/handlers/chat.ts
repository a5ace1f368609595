import { readFile } from 'node:fs/promises';
import { AppError } from '../../../../src-shared/api/errors';
import type { AttachmentStore, CompareStore, ConversationStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

/** The store's "does not exist" in the words the renderer acts on (it leaves a deleted conversation). */
function missing(code: 'conversation.missing' | 'message.missing', message: string) {
  return (error: unknown): never => {
    throw error instanceof AppError && error.code === 'store.not-found' ? new AppError(code, message) : error;
  };
}

export function chatHandlers({ chat, store }: StoreDeps<ConversationStore & AttachmentStore & CompareStore>): HandlersOf<'chat'> {
  return {
    'chat.send': async (input) => chat.send(input),
    'chat.stop': async ({ messageId }) => ({ stopped: chat.stop(messageId) }),
    'chat.regenerate': async (input) => chat.regenerate(input),
    'chat.edit': async (input) => chat.edit(input),
    'chat.branch': async ({ conversationId }) => {
      const view = await store
        .getBranchView(conversationId)
        .catch(missing('conversation.missing', 'That conversation no longer exists.'));
      const prompts = view.messages.filter((m) => m.role === 'user').map((m) => m.id);
      const [attachments, runs] = await Promise.all([
        prompts.length > 0 ? store.listAttachmentsOf(prompts) : [],
        store.listCompareRuns(conversationId),
      ]);
      return { ...view, attachments, comparisons: runs.map((run) => run.replyMessageIds) };
    },
    'chat.showBranch': async ({ conversationId, messageId }) => ({
      leafId: await store
        .showBranchThrough(conversationId, messageId)
        .catch(missing('message.missing', 'That message was deleted. Reload the conversation.')),
    }),
    'chat.attachment': async ({ id }) => {
      const { attachment, path } = await store.getAttachment(id);
      return { attachment, dataBase64: (await readFile(path)).toString('base64') };
    },
  };
}
