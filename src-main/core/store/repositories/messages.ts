// Messages: one row each, a tree by parent_id. Streaming text is flushed in place
// without a change; the final text reaches the outbox once, when the reply finishes.
import type Database from 'better-sqlite3';
import type { Message, MessageStatus } from '../../../../src-shared/domain';
import { storeErrors } from '../errors';
import type { MessageOutcome, NewMessage } from '../types';
import type { ConversationRepository } from './conversations';
import type { OutboxRepository } from './outbox';

interface MessageRow {
  id: string;
  space_id: string;
  conversation_id: string;
  parent_id: string | null;
  role: Message['role'];
  content: string;
  status: MessageStatus;
  provider_id: string | null;
  model: string | null;
  error_code: string | null;
  error_message: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  created_at: number;
  updated_at: number;
  hlc: string;
  deleted: number;
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    status: row.status,
    providerId: row.provider_id,
    model: row.model,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class MessageRepository {
  private readonly selectById;
  private readonly selectByConversation;
  private readonly selectStreaming;
  private readonly insert;
  private readonly updateContent;
  private readonly updateOutcome;
  private readonly markDeleted;

  constructor(
    db: Database.Database,
    private readonly outbox: OutboxRepository,
    private readonly conversations: ConversationRepository,
  ) {
    this.selectById = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?');
    // UUIDv7 ids sort by creation time.
    this.selectByConversation = db.prepare<[string], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND deleted = 0 ORDER BY id',
    );
    this.selectStreaming = db.prepare<[], MessageRow>("SELECT * FROM messages WHERE status = 'streaming'");
    this.insert = db.prepare(
      `INSERT INTO messages (id, space_id, conversation_id, parent_id, role, content, status, provider_id, model,
         created_at, updated_at, hlc)
       VALUES (@id, @space_id, @conversation_id, @parent_id, @role, @content, @status, @provider_id, @model,
         @created_at, @updated_at, @hlc)`,
    );
    this.updateContent = db.prepare<[string, string]>('UPDATE messages SET content = ? WHERE id = ?');
    this.updateOutcome = db.prepare(
      `UPDATE messages SET content = @content, status = @status, error_code = @error_code, error_message = @error_message,
         input_tokens = @input_tokens, output_tokens = @output_tokens, updated_at = @updated_at, hlc = @hlc
       WHERE id = @id`,
    );
    this.markDeleted = db.prepare<[string, string]>('UPDATE messages SET deleted = 1, hlc = ? WHERE id = ?');
  }

  insertMessage(message: NewMessage): Message {
    const conversation = this.conversations.findRow(message.conversationId);
    if (!conversation) throw storeErrors.notFound('Conversation', message.conversationId);
    if (this.selectById.get(message.id)) throw storeErrors.conflict(`A message with id ${message.id} already exists.`);
    if (message.parentId !== null) {
      const parent = this.selectById.get(message.parentId);
      if (!parent || parent.deleted === 1) throw storeErrors.notFound('Parent message', message.parentId);
      if (parent.conversation_id !== message.conversationId) {
        throw storeErrors.invalid(`Message ${message.parentId} belongs to another conversation and cannot be a parent here.`);
      }
    }
    const now = Date.now();
    const fields = {
      conversation_id: message.conversationId,
      parent_id: message.parentId,
      role: message.role,
      status: message.status,
      provider_id: message.providerId,
      model: message.model,
      created_at: now,
      updated_at: now,
    };
    // A streaming reply's text syncs once, with its outcome.
    const synced = message.status === 'streaming' ? fields : { ...fields, content: message.content };
    const hlc = this.outbox.record({ space: conversation.space_id, table: 'messages', row: message.id, fields: synced });
    this.insert.run({ ...fields, id: message.id, space_id: conversation.space_id, content: message.content, hlc });
    this.conversations.touch(conversation, now);
    return this.get(message.id);
  }

  flushStreamingText(id: string, content: string): void {
    this.streamingRow(id, 'flush its text');
    this.updateContent.run(content, id);
  }

  finishMessage(id: string, outcome: MessageOutcome): Message {
    const row = this.streamingRow(id, 'finish it');
    const now = Date.now();
    this.writeOutcome(row, outcome, now);
    const conversation = this.conversations.findRow(row.conversation_id);
    if (conversation) this.conversations.touch(conversation, now);
    return this.get(id);
  }

  listByConversation(conversationId: string): Message[] {
    return this.selectByConversation.all(conversationId).map(toMessage);
  }

  /** Start-up recovery: a reply still streaming was cut off by a crash or quit; keep its text. */
  interruptStreaming(): void {
    const rows = this.selectStreaming.all();
    const now = Date.now();
    for (const row of rows) {
      this.writeOutcome(row, { content: row.content, status: 'interrupted', error: null, usage: { inputTokens: null, outputTokens: null } }, now);
    }
  }

  tombstoneConversation(conversationId: string): void {
    for (const row of this.selectByConversation.all(conversationId)) {
      const hlc = this.outbox.record({ space: row.space_id, table: 'messages', row: row.id, fields: {}, deleted: true });
      this.markDeleted.run(hlc, row.id);
    }
  }

  private writeOutcome(row: MessageRow, outcome: MessageOutcome, now: number): void {
    const fields = {
      content: outcome.content,
      status: outcome.status,
      error_code: outcome.error?.code ?? null,
      error_message: outcome.error?.message ?? null,
      input_tokens: outcome.usage.inputTokens,
      output_tokens: outcome.usage.outputTokens,
      updated_at: now,
    };
    const hlc = this.outbox.record({ space: row.space_id, table: 'messages', row: row.id, fields });
    this.updateOutcome.run({ ...fields, hlc, id: row.id });
  }

  private streamingRow(id: string, action: string): MessageRow {
    const row = this.selectById.get(id);
    if (!row || row.deleted === 1) throw storeErrors.notFound('Message', id);
    if (row.status !== 'streaming') {
      throw storeErrors.conflict(`Message ${id} is no longer streaming (it is ${row.status}), so the store cannot ${action}.`);
    }
    return row;
  }

  private get(id: string): Message {
    return toMessage(this.selectById.get(id)!);
  }
}
