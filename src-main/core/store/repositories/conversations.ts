// Conversations: create, list newest-updated first, find, bump, tombstone.
import type Database from 'better-sqlite3';
import type { Conversation } from '../../../../src-shared/domain';
import { storeErrors } from '../errors';
import type { OutboxRepository } from './outbox';

export interface ConversationRow {
  id: string;
  space_id: string;
  title: string;
  created_at: number;
  updated_at: number;
  hlc: string;
  deleted: number;
}

function toConversation(row: ConversationRow): Conversation {
  return { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at };
}

export class ConversationRepository {
  private readonly selectById;
  private readonly selectRecent;
  private readonly insert;
  private readonly updateUpdatedAt;
  private readonly markDeleted;

  constructor(
    db: Database.Database,
    private readonly outbox: OutboxRepository,
  ) {
    this.selectById = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
    // hlc breaks ties within one millisecond: it grows with every local change.
    this.selectRecent = db.prepare<[number], ConversationRow>(
      'SELECT * FROM conversations WHERE deleted = 0 ORDER BY updated_at DESC, hlc DESC LIMIT ?',
    );
    this.insert = db.prepare<[string, string, string, number, number, string]>(
      'INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateUpdatedAt = db.prepare<[number, string, string]>('UPDATE conversations SET updated_at = ?, hlc = ? WHERE id = ?');
    this.markDeleted = db.prepare<[string, string]>('UPDATE conversations SET deleted = 1, hlc = ? WHERE id = ?');
  }

  create(input: { id: string; title: string; spaceId: string }): Conversation {
    if (this.selectById.get(input.id)) throw storeErrors.conflict(`A conversation with id ${input.id} already exists.`);
    const now = Date.now();
    const hlc = this.outbox.record({
      space: input.spaceId,
      table: 'conversations',
      row: input.id,
      fields: { title: input.title, created_at: now, updated_at: now },
    });
    this.insert.run(input.id, input.spaceId, input.title, now, now, hlc);
    return { id: input.id, title: input.title, createdAt: now, updatedAt: now };
  }

  listRecent(limit: number): Conversation[] {
    return this.selectRecent.all(limit).map(toConversation);
  }

  /** The live row, or null when missing or tombstoned. */
  findRow(id: string): ConversationRow | null {
    const row = this.selectById.get(id);
    return row && row.deleted === 0 ? row : null;
  }

  find(id: string): Conversation | null {
    const row = this.findRow(id);
    return row ? toConversation(row) : null;
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
}
