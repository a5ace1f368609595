import { AppError } from '../../../../src-shared/api/errors';
import { uuidv7 } from '../../../../src-shared/ids';
import type { Folder } from '../../../../src-shared/entities/library';
import type { ConversationStore, FolderStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

const missingConversation = () => new AppError('conversation.missing', 'That conversation no longer exists.');
const missingFolder = () => new AppError('folder.missing', 'That folder no longer exists. Choose another one.');

async function liveFolder(store: FolderStore, id: string): Promise<Folder> {
  const folder = (await store.listFolders()).find((f) => f.id === id);
  if (!folder) throw missingFolder();
  return folder;
}

/** Folder names are told apart without regard to case, as people read them. */
function refuseTakenName(folders: readonly Folder[], name: string, except?: string): void {
  const wanted = name.toLocaleLowerCase();
  const taken = folders.find((f) => f.id !== except && f.name.toLocaleLowerCase() === wanted);
  if (taken) throw new AppError('folder.exists', `There is already a folder named “${taken.name}”. Choose another name.`, { name: taken.name });
}

export function conversationHandlers({ store }: StoreDeps<ConversationStore & FolderStore>): HandlersOf<'conversation'> & HandlersOf<'folder'> & HandlersOf<'tag'> {
  return {
    'conversation.list': async ({ limit, folderId, tag, archived }) =>
      store.queryConversations({ limit, archived, ...(folderId !== undefined ? { folderId } : {}), ...(tag ? { tag } : {}) }),
    'conversation.get': async ({ id }) => {
      const found = await store.getConversation(id);
      if (!found) throw missingConversation();
      return found;
    },
    'conversation.update': async ({ id, ...patch }) => {
      if (patch.folderId) await liveFolder(store, patch.folderId);
      try {
        return await store.updateConversation(id, patch);
      } catch (error) {
        if (error instanceof AppError && error.code === 'store.not-found') throw missingConversation();
        throw error;
      }
    },
    'conversation.delete': async ({ id }) => ({ deleted: await store.deleteConversation(id) }),
    'conversation.restore': async ({ id }) => {
      const restored = await store.restoreConversation(id);
      if (!restored) throw missingConversation();
      return restored;
    },

    'folder.list': async () => store.listFolders(),
    'folder.create': async ({ name }) => {
      const folders = await store.listFolders();
      refuseTakenName(folders, name);
      const now = Date.now();
      const position = folders.reduce((last, f) => Math.max(last, f.position + 1), 0);
      return store.saveFolder({ id: uuidv7(), name, parentId: null, position, createdAt: now, updatedAt: now });
    },
    'folder.rename': async ({ id, name }) => {
      const folders = await store.listFolders();
      const folder = folders.find((f) => f.id === id);
      if (!folder) throw missingFolder();
      refuseTakenName(folders, name, id);
      return store.saveFolder({ ...folder, name });
    },
    'folder.delete': async ({ id }) => ({ deleted: await store.deleteFolder(id) }),
    'tag.list': async () => store.listTags(),
  };
}
