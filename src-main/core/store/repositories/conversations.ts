// Conversations: create, list and filter for the sidebar, organise (folder, tags,
// pin, archive, persona, settings), remember the shown branch, bump, tombstone.
import type Database from 'better-sqlite3';
import type { ConversationDetails, ConversationPatch, ConversationQuery, ModelSettings } from '../../../../src-shared/entities/library';
import { derivedId } from './derived-id';
import { storeErrors } from '../errors';
import type { FieldValue } from '../interfaces';
import type { OutboxRepository } from './outbox';
import { jsonColumn, parseJsonColumn, type SyncedRows } from './synced-rows';

export interface ConversationRow {
  id: string;
  space_id: string;
  title: string;
  created_at: number;
  updated_at: number;
  folder_id: string | null;
  pinned: number;
  archived: number;
  persona_id: string | null;
  settings: string;
  shown_leaf_id: string | null;
  hlc: string;
  deleted: number;
  /** Tag names joined by \u001f (from the listing queries). */
  tag_names?: string | null;
}

const TAG_NAMES = `(SELECT group_concat(name, char(31)) FROM (
    SELECT t.name FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
    WHERE ct.conversation_id = c.id AND ct.deleted = 0 AND t.deleted = 0 ORDER BY t.name COLLATE NOCASE)) AS tag_names`;

function toDetails(row: ConversationRow): ConversationDetails {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    folderId: row.folder_id,
    tags: row.tag_names ? row.tag_names.split('\u001f') : [],
    pinned: row.pinned === 1,
    archived: row.archived === 1,
    personaId: row.persona_id,
    settings: parseJsonColumn<ModelSettings>(row.settings, {}),
    shownLeafId: row.shown_leaf_id,
    spaceId: row.space_id,
  };
}

/** A tag's id: the same name in the same space is the same tag on every device. */
export const tagId = (spaceId: string, name: string) => derivedId('tag', spaceId, name.trim().toLowerCase());

export class ConversationRepository {
  private readonly selectById;
  private readonly selectDetails;
  private readonly selectRecent;
  private readonly insert;
  private readonly updateUpdatedAt;
  private readonly markDeleted;
  private readonly selectTagLinks;
  private readonly selectInFolder;
  private readonly selectDeletedSince;

  constructor(
    private readonly db: Database.Database,
    private readonly outbox: OutboxRepository,
    private readonly rows: SyncedRows,
  ) {
    this.selectById = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
    this.selectDetails = db.prepare<[string], ConversationRow>(`SELECT c.*, ${TAG_NAMES} FROM conversations c WHERE c.id = ?`);
    // hlc breaks ties within one millisecond: it grows with every local change.
    this.selectRecent = db.prepare<[number], ConversationRow>(
      `SELECT c.*, ${TAG_NAMES} FROM conversations c WHERE c.deleted = 0 ORDER BY c.updated_at DESC, c.hlc DESC LIMIT ?`,
    );
    this.insert = db.prepare<[string, string, string, number, number, string]>(
      'INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateUpdatedAt = db.prepare<[number, string, string]>('UPDATE conversations SET updated_at = ?, hlc = ? WHERE id = ?');
    this.markDeleted = db.prepare<[string, string]>('UPDATE conversations SET deleted = 1, hlc = ? WHERE id = ?');
    this.selectTagLinks = db.prepare<[string], { id: string; tag_id: string; deleted: number }>(
      'SELECT id, tag_id, deleted FROM conversation_tags WHERE conversation_id = ?',
    );
    this.selectInFolder = db.prepare<[string], { id: string }>('SELECT id FROM conversations WHERE folder_id = ? AND deleted = 0');
    this.selectDeletedSince = db.prepare<[string, string], { id: string }>(
      'SELECT id FROM messages WHERE conversation_id = ? AND deleted = 1 AND hlc > ?',
    );
  }

  create(input: { id: string; title: string; spaceId: string; createdAt?: number; updatedAt?: number }): ConversationDetails {
    if (this.selectById.get(input.id)) throw storeErrors.conflict(`A conversation with id ${input.id} already exists.`);
    const createdAt = input.createdAt ?? Date.now();
    const updatedAt = input.updatedAt ?? createdAt;
    const hlc = this.outbox.record({
      space: input.spaceId,
      table: 'conversations',
      row: input.id,
      fields: { title: input.title, created_at: createdAt, updated_at: updatedAt },
    });
    this.insert.run(input.id, input.spaceId, input.title, createdAt, updatedAt, hlc);
    return this.details(input.id)!;
  }

  listRecent(limit: number): ConversationDetails[] {
    return this.selectRecent.all(limit).map(toDetails);
  }

  query(query: Required<Pick<ConversationQuery, 'archived' | 'limit'>> & ConversationQuery): ConversationDetails[] {
    const where = ['c.deleted = 0', 'c.archived = @archived'];
    const params: Record<string, FieldValue> = { archived: query.archived ? 1 : 0, limit: query.limit };
    if (query.folderId !== undefined) {
      where.push(query.folderId === null ? 'c.folder_id IS NULL' : 'c.folder_id = @folder');
      if (query.folderId !== null) params.folder = query.folderId;
    }
    if (query.tag !== undefined) {
      where.push(
        `EXISTS (SELECT 1 FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id
           WHERE ct.conversation_id = c.id AND ct.deleted = 0 AND t.deleted = 0 AND t.name = @tag COLLATE NOCASE)`,
      );
      params.tag = query.tag.trim();
    }
    const sql = `SELECT c.*, ${TAG_NAMES} FROM conversations c WHERE ${where.join(' AND ')}
      ORDER BY c.pinned DESC, c.updated_at DESC, c.hlc DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as ConversationRow[]).map(toDetails);
  }

  /** The live row, or null when missing or tombstoned. */
  findRow(id: string): ConversationRow | null {
    const row = this.selectById.get(id);
    return row && row.deleted === 0 ? row : null;
  }

  details(id: string): ConversationDetails | null {
    const row = this.selectDetails.get(id);
    return row && row.deleted === 0 ? toDetails(row) : null;
  }

  update(id: string, patch: ConversationPatch): ConversationDetails {
    const row = this.findRow(id);
    if (!row) throw storeErrors.notFound('conversation', id);
    const columns: Record<string, FieldValue> = {};
    if (patch.title !== undefined) columns.title = patch.title;
    if (patch.folderId !== undefined) columns.folder_id = patch.folderId;
    if (patch.pinned !== undefined) columns.pinned = patch.pinned ? 1 : 0;
    if (patch.archived !== undefined) columns.archived = patch.archived ? 1 : 0;
    if (patch.personaId !== undefined) columns.persona_id = patch.personaId;
    if (patch.settings !== undefined) columns.settings = jsonColumn(patch.settings);
    if (Object.keys(columns).length > 0) this.rows.upsert('conversations', id, row.space_id, columns);
    if (patch.tags !== undefined) this.setTags(row, patch.tags);
    return this.details(id)!;
  }

  setShownLeaf(row: ConversationRow, leafId: string | null): void {
    this.rows.upsert('conversations', row.id, row.space_id, { shown_leaf_id: leafId });
  }

  /** Conversations in a folder move to no folder (the folder is being deleted). */
  emptyFolder(folderId: string): void {
    for (const { id } of this.selectInFolder.all(folderId)) {
      const row = this.findRow(id)!;
      this.rows.upsert('conversations', id, row.space_id, { folder_id: null });
    }
  }

  /** Moves the conversation to the top of the list: something happened in it at `at`. */
  touch(row: ConversationRow, at: number): void {
    const updatedAt = Math.max(at, row.updated_at);
    const hlc = this.outbox.record({ space: row.space_id, table: 'conversations', row: row.id, fields: { updated_at: updatedAt } });
    this.updateUpdatedAt.run(updatedAt, hlc, row.id);
  }

  /** Returns false when there was nothing live to delete. */
  tombstone(id: string): boolean {
    const row = this.findRow(id);
    if (!row) return false;
    const hlc = this.outbox.record({ space: row.space_id, table: 'conversations', row: id, fields: {}, deleted: true });
    this.markDeleted.run(hlc, id);
    return true;
  }

  /**
   * Undoes `tombstone`: the conversation comes back, and so do the messages
   * tombstoned with it (their clocks are later than its tombstone's; a message
   * deleted before stays deleted). A folder deleted meanwhile is left out.
   */
  restore(id: string): ConversationDetails | null {
    const row = this.selectById.get(id);
    if (!row) return null;
    if (row.deleted === 1) {
      const folderGone = row.folder_id !== null && !this.rows.live('folders', row.folder_id);
      this.rows.upsert('conversations', id, row.space_id, folderGone ? { folder_id: null } : {});
      for (const message of this.selectDeletedSince.all(id, row.hlc)) this.rows.upsert('messages', message.id, row.space_id, {});
    }
    return this.details(id);
  }

  private setTags(row: ConversationRow, names: string[]): void {
    const now = Date.now();
    const wanted = new Map<string, string>();
    for (const name of names.map((n) => n.trim()).filter(Boolean)) wanted.set(tagId(row.space_id, name), name);
    for (const [id, name] of wanted) {
      if (!this.rows.live('tags', id)) this.rows.upsert('tags', id, row.space_id, { name, color: null, created_at: now, updated_at: now });
    }
    const links = this.selectTagLinks.all(row.id);
    for (const link of links) {
      if (link.deleted === 0 && !wanted.has(link.tag_id)) this.rows.tombstone('conversation_tags', link.id);
    }
    for (const id of wanted.keys()) {
      const linkId = derivedId('conversation-tag', row.id, id);
      if (!this.rows.live('conversation_tags', linkId)) {
        this.rows.upsert('conversation_tags', linkId, row.space_id, { conversation_id: row.id, tag_id: id, created_at: now });
      }
    }
  }
}
