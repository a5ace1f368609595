import type { HandlerDeps, HandlersOf } from './deps';

export function searchHandlers({ store }: HandlerDeps): HandlersOf<'search'> {
  return {
    'search.messages': async (query) => store.search(query),
  };
}
