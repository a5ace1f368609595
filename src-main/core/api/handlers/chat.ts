import type { HandlerDeps, HandlersOf } from './deps';

export function chatHandlers({ chat }: HandlerDeps): HandlersOf<'chat'> {
  return {
    'chat.send': async (input) => chat.send(input),
    'chat.stop': async ({ messageId }) => ({ stopped: chat.stop(messageId) }),
  };
}
