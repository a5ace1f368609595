import { SearchQuery, SearchResult } from '../../entities/search';

export const searchMethods = {
  /** Full-text search over message text; newest first or by relevance; snippets and where to jump. */
  'search.messages': { input: SearchQuery, output: SearchResult },
} as const;
