// Folders (nestable) and the tag list.
import type Database from 'better-sqlite3';
import type { Folder } from '../../../../src-shared/entities/library';
import type { TagSummary } from '../interfaces';
import type { ConversationRepository } from './conversations';
import type { SyncedRows } from './synced-rows';

interface FolderRow {
  id: string;
  name: string;
  parent_id: string | null;
  position: number;
  created_at: number;
  updated_at: number;
}

const toFolder = (row: FolderRow): Folder => ({
  id: row.id,
  name: row.name,
  parentId: row.parent_id,
  position: row.position,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class FolderRepository {
  private readonly selectAll;
  private readonly selectTags;

  constructor(
    db: Database.Database,
    private readonly rows: SyncedRows,
    private readonly conversations: ConversationRepository,
  ) {
    this.selectAll = db.prepare<[], FolderRow>('SELECT * FROM folders WHERE deleted = 0 ORDER BY position, name COLLATE NOCASE, id');
    this.selectTags = db.prepare<[], { id: string; name: string; color: string | null; conversations: number }>(
      `SELECT t.id, t.name, t.color, count(c.id) AS conversations
       FROM tags t
       JOIN conversation_tags ct ON ct.tag_id = t.id AND ct.deleted = 0
       JOIN conversations c ON c.id = ct.conversation_id AND c.deleted = 0
       WHERE t.deleted = 0
       GROUP BY t.id ORDER BY t.name COLLATE NOCASE`,
    );
  }

  list(): Folder[] {
    return this.selectAll.all().map(toFolder);
  }

  save(folder: Folder, spaceId: string): Folder {
    const columns = { name: folder.name, parent_id: folder.parentId, position: folder.position };
    this.rows.saveEdited('folders', folder.id, spaceId, columns, folder.createdAt);
    return toFolder(this.rows.live('folders', folder.id) as unknown as FolderRow);
  }

  delete(id: string): boolean {
    if (!this.rows.tombstone('folders', id)) return false;
    this.conversations.emptyFolder(id);
    return true;
  }

  tags(): TagSummary[] {
    return this.selectTags.all();
  }
}
