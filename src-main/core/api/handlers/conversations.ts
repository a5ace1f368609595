import { AppError } from '../../../../src-shared/api/errors';
import type { HandlerDeps, HandlersOf } from './deps';

export function conversationHandlers({ store }: HandlerDeps): HandlersOf<'conversation'> {
  return {
    'conversation.list': async ({ limit }) => store.listConversations(limit),
    'conversation.get': async ({ id }) => {
      const found = await store.getConversation(id);
      if (!found) throw new AppError('conversation.missing', 'That conversation no longer exists.');
      return found;
    },
    'conversation.delete': async ({ id }) => ({ deleted: await store.deleteConversation(id) }),
  };
}
