import type { SearchStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

export function searchHandlers({ store }: StoreDeps<SearchStore>): HandlersOf<'search'> {
  return {
    'search.messages': async (query) => store.search(query),
  };
}
