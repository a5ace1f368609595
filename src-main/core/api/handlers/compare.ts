import type { HandlersOf, ServiceDeps } from './deps';

export function compareHandlers({ compare }: ServiceDeps): HandlersOf<'compare'> {
  return {
    'compare.start': async (input) => compare.start(input),
    'compare.get': async ({ conversationId, runId }) => compare.get(conversationId, runId),
    'compare.list': async ({ conversationId }) => compare.list(conversationId),
    'compare.stop': async ({ conversationId, runId, messageId }) => ({ stopped: await compare.stop(conversationId, runId, messageId) }),
    'compare.vote': async (input) => compare.vote(input),
    'compare.choose': async ({ conversationId, runId, messageId }) => compare.choose(conversationId, runId, messageId),
    'compare.leaderboard': async () => compare.leaderboard(),
  };
}
