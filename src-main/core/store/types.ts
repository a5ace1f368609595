// The store's typed interface. The implementation runs every query in one worker
// thread (the only writer); the main thread only posts requests and awaits replies.
import type { Conversation, Message, MessageRole, MessageStatus, ProviderConfig, Usage, UserError } from '../../../src-shared/domain';

export interface NewMessage {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  providerId: string | null;
  model: string | null;
}

export interface MessageOutcome {
  content: string;
  status: Exclude<MessageStatus, 'streaming'>;
  error: UserError | null;
  usage: Usage;
}

/** The synced tables a change can name (see shared/SYNC.md). */
export type SyncedTable = 'conversations' | 'messages' | 'providers';

/** A column value as a change carries it. */
export type FieldValue = string | number | null;

/** A local change waiting in the outbox to be pushed: `{ id, space, table, row, fields, hlc, deleted }`. */
export interface OutboxChange {
  id: string;
  space: string;
  table: SyncedTable;
  row: string;
  fields: Record<string, FieldValue>;
  hlc: string;
  deleted: boolean;
}

export interface ConversationStore {
  /** Where the database file lives. */
  readonly file: string;
  /** This device's HLC node id (16 hex), made once and kept in the database. */
  readonly nodeId: string;
  /** The space new rows belong to until the user picks a team space. */
  readonly personalSpaceId: string;
  createConversation(input: { id: string; title: string }): Promise<Conversation>;
  /** Newest-updated first; tombstoned rows excluded. */
  listConversations(limit: number): Promise<Conversation[]>;
  /** The conversation and its messages in creation order, or null when missing or deleted. */
  getConversation(id: string): Promise<{ conversation: Conversation; messages: Message[] } | null>;
  /** Tombstones the conversation (rows are never hard-deleted while synced). */
  deleteConversation(id: string): Promise<boolean>;
  insertMessage(message: NewMessage): Promise<Message>;
  /** Replaces a streaming message's text (a periodic flush, never one write per token). */
  flushStreamingText(id: string, content: string): Promise<void>;
  /** Sets a message's final text, status, error and usage. */
  finishMessage(id: string, outcome: MessageOutcome): Promise<Message>;
  listProviders(): Promise<ProviderConfig[]>;
  getProvider(id: string): Promise<ProviderConfig | null>;
  saveProvider(provider: ProviderConfig): Promise<ProviderConfig>;
  deleteProvider(id: string): Promise<boolean>;
  /** The oldest `limit` changes not yet pushed, in the order they were made. */
  listOutbox(limit: number): Promise<OutboxChange[]>;
  /** Finishes pending writes and stops the worker. */
  close(): Promise<void>;
}
