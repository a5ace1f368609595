// What the sidebar lists and how it is organised: the filter (all, a folder, the
// archived ones; a tag), the conversations it lists, the folders and the tags.
// Everything is asked again whenever the app's recent list changes (a new
// message, a rename, a tag added, a folder emptied, a backup restored).
import type { ApiClient } from '../../src-shared/api/contract';
import type { TagSummary } from '../../src-shared/api/methods/conversations';
import type { ConversationDetails, Folder } from '../../src-shared/entities/library';
import { useQuery } from '../ui/useQuery';

export interface ConversationFilter {
  archived: boolean;
  /** null: every folder. */
  folderId: string | null;
  tag: string | null;
}

/** The recent conversations that are not archived: the app's own list. */
export const EVERYTHING: ConversationFilter = { archived: false, folderId: null, tag: null };

const LIMIT = 200;
const NONE: readonly never[] = [];

export interface Organizer {
  folders: readonly Folder[];
  tags: readonly TagSummary[];
  /** Why folders or tags could not be loaded, if they could not. */
  problem: string | null;
  reloadFolders: () => void;
}

export function useOrganizer(api: ApiClient, recent: unknown): Organizer {
  const folders = useQuery(() => api.call('folder.list', {}), [api, recent]);
  const tags = useQuery(() => api.call('tag.list', {}), [api, recent]);
  const problem = folders.status === 'error' ? folders.message : tags.status === 'error' ? tags.message : null;
  return {
    folders: folders.data ?? NONE,
    tags: tags.data ?? NONE,
    problem,
    reloadFolders: folders.reload,
  };
}

/** The conversations a filter lists: the recent list itself, or the core's answer. */
export function useListed(
  api: ApiClient,
  filter: ConversationFilter,
  recent: readonly ConversationDetails[],
  recentLoaded: boolean,
): { rows: readonly ConversationDetails[]; loaded: boolean; problem: string | null } {
  const { archived, folderId, tag } = filter;
  const everything = !archived && !folderId && !tag;
  // The core is not asked while the recent list is what is shown.
  const query = useQuery(
    async () => (everything ? NONE : api.call('conversation.list', { limit: LIMIT, archived, ...(folderId ? { folderId } : {}), ...(tag ? { tag } : {}) })),
    [api, filter, recent],
  );
  if (everything) return { rows: recent, loaded: recentLoaded, problem: null };
  return {
    rows: query.data ?? NONE,
    loaded: query.status === 'ready' || query.status === 'error',
    problem: query.status === 'error' ? query.message : null,
  };
}
