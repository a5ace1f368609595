// Messages: one row each, a tree by parent_id. Streaming text and reasoning are
// appended as chunks (message_chunks), so a flush writes only the new text and no
// change; the final text is joined into the row and reaches the outbox once, when
// the reply finishes (or is found interrupted at start-up).
import type Database from 'better-sqlite3';
import type { Message, MessageStatus } from '../../../../src-shared/domain';
import { storeErrors } from '../errors';
import type { MessageOutcome, NewMessage } from '../interfaces';
import type { ConversationRepository } from './conversations';
import type { OutboxRepository } from './outbox';

export interface MessageRow {
  seq: number;
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
  cost_usd: number | null;
  reasoning: string | null;
  ttft_ms: number | null;
  created_at: number;
  updated_at: number;
  hlc: string;
  deleted: number;
}

export function toMessage(row: MessageRow): Message {
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
    costUsd: row.cost_usd,
    ttftMs: row.ttft_ms,
    reasoning: row.reasoning,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type ChunkKind = 'text' | 'reasoning';

/** Messages per millisecond before seq borrows the next millisecond's range. */
export const SEQ_PER_MS = 1024;

export class MessageRepository {
  private readonly selectById;
  private readonly selectByConversation;
  private readonly selectPage;
  private readonly selectBranch;
  private readonly selectBranchView;
  private readonly selectNewestUnder;
  private readonly selectNewest;
  private readonly selectTopSeq;
  private readonly selectSeq;
  private readonly selectStreaming;
  private readonly insert;
  private readonly insertChunk;
  private readonly selectChunks;
  private readonly deleteChunks;
  private readonly updateOutcome;
  private readonly markDeleted;

  constructor(
    db: Database.Database,
    private readonly outbox: OutboxRepository,
    private readonly conversations: ConversationRepository,
  ) {
    this.selectById = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?');
    // seq sorts by creation time (created_at * SEQ_PER_MS + a counter).
    this.selectByConversation = db.prepare<[string], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND deleted = 0 ORDER BY seq',
    );
    this.selectPage = db.prepare<[string, number, number], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND seq < ? AND deleted = 0 ORDER BY seq DESC LIMIT ?',
    );
    this.selectBranch = db.prepare<[string], MessageRow>(
      `WITH RECURSIVE branch (id, depth) AS (
         SELECT ?, 0
         UNION ALL
         SELECT m.parent_id, b.depth + 1 FROM branch b JOIN messages m ON m.id = b.id WHERE m.parent_id IS NOT NULL
       )
       SELECT m.* FROM branch b JOIN messages m ON m.id = b.id WHERE m.deleted = 0 ORDER BY b.depth DESC`,
    );
    // The branch through the leaf and every sibling of its messages (the roots too): what
    // the chat shows, with the alternatives at each fork. Siblings' own replies are not included.
    this.selectBranchView = db.prepare<{ leaf: string; conversation: string }, MessageRow>(
      `WITH RECURSIVE branch (id, parent_id) AS (
         SELECT id, parent_id FROM messages WHERE id = @leaf
         UNION ALL
         SELECT m.id, m.parent_id FROM branch b JOIN messages m ON m.id = b.parent_id
       )
       SELECT * FROM messages WHERE parent_id IN (SELECT parent_id FROM branch) AND deleted = 0
       UNION ALL
       SELECT * FROM messages WHERE conversation_id = @conversation AND parent_id IS NULL AND deleted = 0
       ORDER BY seq`,
    );
    // The newest message at or below one: the leaf its most recent branch ends in.
    this.selectNewestUnder = db.prepare<[string], { id: string }>(
      `WITH RECURSIVE below (id) AS (
         SELECT ?
         UNION ALL
         SELECT m.id FROM below b JOIN messages m ON m.parent_id = b.id WHERE m.deleted = 0
       )
       SELECT m.id FROM below b JOIN messages m ON m.id = b.id ORDER BY m.seq DESC LIMIT 1`,
    );
    this.selectNewest = db.prepare<[string], MessageRow>(
      'SELECT * FROM messages WHERE conversation_id = ? AND deleted = 0 ORDER BY seq DESC LIMIT 1',
    );
    this.selectTopSeq = db.prepare<[number, number], { top: number | null }>(
      'SELECT max(seq) AS top FROM messages WHERE seq >= ? AND seq < ?',
    );
    this.selectSeq = db.prepare<[number], { seq: number }>('SELECT seq FROM messages WHERE seq = ?');
    this.selectStreaming = db.prepare<[], MessageRow>("SELECT * FROM messages WHERE status = 'streaming'");
    this.insert = db.prepare(
      `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, provider_id, model,
         created_at, updated_at, hlc)
       VALUES (@seq, @id, @space_id, @conversation_id, @parent_id, @role, @content, @status, @provider_id, @model,
         @created_at, @updated_at, @hlc)`,
    );
    this.insertChunk = db.prepare<[string, ChunkKind, string]>('INSERT INTO message_chunks (message_id, kind, text) VALUES (?, ?, ?)');
    this.selectChunks = db.prepare<[string, ChunkKind], { text: string }>(
      'SELECT text FROM message_chunks WHERE message_id = ? AND kind = ? ORDER BY id',
    );
    this.deleteChunks = db.prepare<[string]>('DELETE FROM message_chunks WHERE message_id = ?');
    this.updateOutcome = db.prepare(
      `UPDATE messages SET content = @content, status = @status, error_code = @error_code, error_message = @error_message,
         input_tokens = @input_tokens, output_tokens = @output_tokens, cost_usd = @cost_usd, reasoning = @reasoning, ttft_ms = @ttft_ms,
         updated_at = @updated_at, hlc = @hlc
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
    const seq = this.allocateSeq(now);
    this.insert.run({ ...fields, seq, id: message.id, space_id: conversation.space_id, content: message.content, hlc });
    this.conversations.touch(conversation, now);
    return this.get(message.id);
  }

  /** Stores the text streamed since the last flush: a write the size of the new text, whatever came before. */
  appendStreamingText(id: string, chunk: string): void {
    this.streamingRow(id, 'add to its text');
    if (chunk) this.insertChunk.run(id, 'text', chunk);
  }

  appendStreamingReasoning(id: string, chunk: string): void {
    this.streamingRow(id, 'add to its reasoning');
    if (chunk) this.insertChunk.run(id, 'reasoning', chunk);
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
    return this.selectByConversation.all(conversationId).map((r) => this.toMessage(r));
  }

  /** Newest page first; each page in creation order. */
  page(conversationId: string, beforeId: string | undefined, limit: number): { messages: Message[]; more: boolean } {
    let before = Number.MAX_SAFE_INTEGER;
    if (beforeId !== undefined) {
      const row = this.selectById.get(beforeId);
      if (!row || row.conversation_id !== conversationId) throw storeErrors.notFound('Message', beforeId);
      before = row.seq;
    }
    const rows = this.selectPage.all(conversationId, before, limit + 1);
    const more = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map((r) => this.toMessage(r)), more };
  }

  /** Root to `leafId`, oldest first; `leafId` null means the newest message. */
  branch(conversationId: string, leafId: string | null): Message[] {
    const leaf = this.leafOf(conversationId, leafId);
    return leaf === null ? [] : this.selectBranch.all(leaf).map((r) => this.toMessage(r));
  }

  /** The shown branch with the siblings at each of its forks, in creation order. */
  branchView(conversationId: string, leafId: string | null): { leafId: string | null; messages: Message[] } {
    const leaf = this.leafOf(conversationId, leafId);
    if (leaf === null) return { leafId: null, messages: [] };
    return { leafId: leaf, messages: this.selectBranchView.all({ leaf, conversation: conversationId }).map((r) => this.toMessage(r)) };
  }

  /** The newest message at or below `messageId` (a live message of the conversation). */
  newestUnder(conversationId: string, messageId: string): string {
    const row = this.findRow(messageId);
    if (!row || row.conversation_id !== conversationId) throw storeErrors.notFound('Message', messageId);
    return this.selectNewestUnder.get(messageId)!.id;
  }

  /** `leafId` when it is a live message of the conversation, else the newest message (null when there is none). */
  private leafOf(conversationId: string, leafId: string | null): string | null {
    if (leafId !== null) {
      const row = this.selectById.get(leafId);
      if (row && row.deleted === 0 && row.conversation_id === conversationId) return leafId;
    }
    return this.selectNewest.get(conversationId)?.id ?? null;
  }

  /** The live row, or null. */
  findRow(id: string): MessageRow | null {
    const row = this.selectById.get(id);
    return row && row.deleted === 0 ? row : null;
  }

  /**
   * A free seq for a message created at `createdAt`: after every message already in
   * that millisecond, so messages keep their insertion order within it.
   */
  allocateSeq(createdAt: number): number {
    const base = Math.max(0, Math.floor(createdAt)) * SEQ_PER_MS;
    const top = this.selectTopSeq.get(base, base + SEQ_PER_MS)?.top ?? null;
    let seq = top === null ? base : top + 1;
    while (this.selectSeq.get(seq)) seq += 1;
    return seq;
  }

  /** Start-up recovery: a reply still streaming was cut off by a crash or quit; keep its text. */
  interruptStreaming(): void {
    const rows = this.selectStreaming.all();
    const now = Date.now();
    for (const row of rows) {
      const usage = { inputTokens: null, outputTokens: null };
      const { content, reasoning } = this.streamedSoFar(row);
      this.writeOutcome(row, { content, status: 'interrupted', error: null, usage, reasoning: reasoning ?? '' }, now);
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
      cost_usd: outcome.costUsd ?? null,
      reasoning: outcome.reasoning || null,
      ttft_ms: outcome.ttftMs ?? null,
      updated_at: now,
    };
    const hlc = this.outbox.record({ space: row.space_id, table: 'messages', row: row.id, fields });
    this.updateOutcome.run({ ...fields, hlc, id: row.id });
    this.deleteChunks.run(row.id);
  }

  /** A streaming row's text and reasoning: what the row holds, then its chunks in order. */
  private streamedSoFar(row: MessageRow): { content: string; reasoning: string | null } {
    const joined = (kind: ChunkKind) => this.selectChunks.all(row.id, kind).map((chunk) => chunk.text).join('');
    const reasoning = (row.reasoning ?? '') + joined('reasoning');
    return { content: row.content + joined('text'), reasoning: reasoning || row.reasoning };
  }

  /** A row as a message; a reply still streaming shows the text stored so far. */
  private toMessage(row: MessageRow): Message {
    return toMessage(row.status === 'streaming' ? { ...row, ...this.streamedSoFar(row) } : row);
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
    return this.toMessage(this.selectById.get(id)!);
  }
}
