// The store as the rest of the core sees it, one interface per concern, so each
// caller names the part it uses (chat's replies need ConversationStore and
// UsageStore, the vault VaultRecordStore and SettingStore...). LocalStore is all
// of them: what openStore returns and the app wires up. Every method runs in a
// worker (client/open-store.ts routes it to the writer or the reader).
import type { Message, MessageRole, MessageStatus, ProviderConfig, Usage, UserError } from '../../../src-shared/domain';
import type { Attachment } from '../../../src-shared/entities/attachments';
import type { BackupInfo, BackupKind, IntegrityReport } from '../../../src-shared/entities/backup';
import type { CompareRun, CompareVote } from '../../../src-shared/entities/compare';
import type { Goal, GoalInput, GoalLinkTarget, GoalProgressChange } from '../../../src-shared/entities/goals';
import type { ConversationDetails, ConversationPatch, ConversationQuery, Folder } from '../../../src-shared/entities/library';
import type { Persona } from '../../../src-shared/entities/personas';
import type { NewPipelineRun, Pipeline, PipelineRun, PipelineRunPatch, PipelineRunStep } from '../../../src-shared/entities/pipelines';
import type { ProviderSettings } from '../../../src-shared/entities/provider-settings';
import type { SearchQuery, SearchResult } from '../../../src-shared/entities/search';
import type { Setting } from '../../../src-shared/entities/settings';
import type { ExportRequest, ExportSummary, ImportRequest, ImportSummary, TransferProgress } from '../../../src-shared/entities/transfer';
import type { LatencyStats, UsageEntry, UsageGrouping, UsageQuery, UsageTotals } from '../../../src-shared/entities/usage';
import type { VaultRecord } from '../../../src-shared/entities/vault-records';

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
  /** US dollars, the value the usage ledger records for the same call; null or absent when unknown. */
  costUsd?: number | null;
  /** Milliseconds to the first token, as the usage ledger records it; null or absent when none came. */
  ttftMs?: number | null;
  /** The reasoning the model sent apart from its answer; empty or absent when none. */
  reasoning?: string;
}

/** The synced tables a change can name (see docs/SYNC.md). vault_records is never one. */
export type SyncedTable =
  | 'conversations'
  | 'messages'
  | 'providers'
  | 'folders'
  | 'tags'
  | 'conversation_tags'
  | 'personas'
  | 'pipelines'
  | 'pipeline_runs'
  | 'pipeline_run_steps'
  | 'goals'
  | 'goal_links'
  | 'compare_runs'
  | 'compare_votes'
  | 'usage_ledger'
  | 'attachments'
  | 'settings';

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

/** A tag with how many live conversations carry it. */
export interface TagSummary {
  id: string;
  name: string;
  color: string | null;
  conversations: number;
}

/** New bytes for `putAttachment`: a file to copy in, or the bytes themselves. */
export type AttachmentSource = { sourcePath: string } | { data: Uint8Array };

export interface NewAttachment {
  id: string;
  messageId: string | null;
  mime: string;
  fileName: string;
  source: AttachmentSource;
}

/** A long job (import, export): cancelled by `signal`, reporting progress as it goes. */
export interface JobOptions {
  jobId: string;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
}

/** Conversations and their messages, which form a tree by `parentId`. */
export interface ConversationStore {
  createConversation(input: { id: string; title: string }): Promise<ConversationDetails>;
  /** Newest-updated first; tombstoned rows excluded. */
  listConversations(limit: number): Promise<ConversationDetails[]>;
  /** The sidebar: filtered by folder, tag and archived; pinned first, then newest-updated. */
  queryConversations(query: ConversationQuery): Promise<ConversationDetails[]>;
  /** The conversation and all its messages in creation order, or null when missing or deleted. */
  getConversation(id: string): Promise<{ conversation: ConversationDetails; messages: Message[] } | null>;
  /** Changes title, folder, pin, archive, tags, persona or model settings; only changed fields sync. */
  updateConversation(id: string, patch: ConversationPatch): Promise<ConversationDetails>;
  /** Remembers which branch is shown: `leafId` is a message of the conversation, or null for the newest. */
  setShownLeaf(conversationId: string, leafId: string | null): Promise<void>;
  /** Tombstones the conversation (rows are never hard-deleted while synced). */
  deleteConversation(id: string): Promise<boolean>;
  /** Undoes `deleteConversation`: revives the conversation and the messages its deletion took; null when there is no such conversation. */
  restoreConversation(id: string): Promise<ConversationDetails | null>;

  insertMessage(message: NewMessage): Promise<Message>;
  /** Appends the text streamed since the last flush to a streaming message (a periodic flush, never one write per token). */
  appendStreamingText(id: string, chunk: string): Promise<void>;
  /** Appends to a streaming message's reasoning (flushed like its text, so a crash keeps both). */
  appendStreamingReasoning(id: string, chunk: string): Promise<void>;
  /** Sets a message's final text, status, error and usage. */
  finishMessage(id: string, outcome: MessageOutcome): Promise<Message>;
  /** A page of messages, newest page first (the page itself oldest first); `beforeId` pages back. */
  listMessagePage(conversationId: string, page: { beforeId?: string; limit: number }): Promise<{ messages: Message[]; more: boolean }>;
  /** The messages from the root to `leafId` (default: the shown leaf, else the newest message), oldest first. */
  getBranch(conversationId: string, leafId?: string): Promise<Message[]>;
  /** The conversation, its shown branch plus every sibling of its messages in creation order, and its leaf (null when empty). */
  getBranchView(conversationId: string): Promise<{ conversation: ConversationDetails; leafId: string | null; messages: Message[] }>;
  /** Shows the branch through `messageId` down to its newest message, and returns that leaf's id. */
  showBranchThrough(conversationId: string, messageId: string): Promise<string>;
}

/** Files attached to messages: bytes beside the database, content-addressed. */
export interface AttachmentStore {
  /** Stores the bytes content-addressed beside the database and records the attachment. */
  putAttachment(input: NewAttachment): Promise<Attachment>;
  /** The attachment and its file's path; an error that says so when the file vanished. */
  getAttachment(id: string): Promise<{ attachment: Attachment; path: string }>;
  listAttachments(messageId: string): Promise<Attachment[]>;
  /** The attachments of several messages (a branch), oldest first. */
  listAttachmentsOf(messageIds: string[]): Promise<Attachment[]>;
}

/** Full-text search over message text (answered by the reader, so it never waits for writes). */
export interface SearchStore {
  search(query: SearchQuery): Promise<SearchResult>;
}

/** Provider configurations (never keys) and their kind-specific settings. */
export interface ProviderStore {
  listProviders(): Promise<ProviderConfig[]>;
  getProvider(id: string): Promise<ProviderConfig | null>;
  saveProvider(provider: ProviderConfig): Promise<ProviderConfig>;
  deleteProvider(id: string): Promise<boolean>;
  /** Kind-specific settings (API version, headers); `{}` when none were set. */
  getProviderSettings(providerId: string): Promise<ProviderSettings>;
  /** Replaces the provider's settings; a header that carries a credential is refused. */
  setProviderSettings(providerId: string, settings: ProviderSettings): Promise<ProviderSettings>;
}

export interface FolderStore {
  listFolders(): Promise<Folder[]>;
  /** Creates or updates a folder. */
  saveFolder(folder: Folder): Promise<Folder>;
  /** Tombstones the folder; its conversations move out of it (to no folder). */
  deleteFolder(id: string): Promise<boolean>;
  /** Tags in use, by name, with their conversation counts. */
  listTags(): Promise<TagSummary[]>;
}

export interface PersonaStore {
  listPersonas(): Promise<Persona[]>;
  /** Creates or updates a persona. */
  savePersona(persona: Persona): Promise<Persona>;
  deletePersona(id: string): Promise<boolean>;
}

export interface PipelineStore {
  listPipelines(): Promise<Pipeline[]>;
  getPipeline(id: string): Promise<Pipeline | null>;
  /** Creates or updates a pipeline and its steps. */
  savePipeline(pipeline: Pipeline): Promise<Pipeline>;
  deletePipeline(id: string): Promise<boolean>;
  /** Starts a run record, status `running`; a run still running at start-up becomes `interrupted`. */
  insertPipelineRun(run: NewPipelineRun): Promise<PipelineRun>;
  /** Sets a run's status, error or finish time. */
  updatePipelineRun(id: string, patch: PipelineRunPatch): Promise<PipelineRun>;
  /** Writes one step's state and output (insert or replace by the step's index). */
  recordPipelineStep(runId: string, step: PipelineRunStep): Promise<PipelineRun>;
  getPipelineRun(id: string): Promise<PipelineRun | null>;
  /** Newest first. */
  listPipelineRuns(pipelineId: string, limit: number): Promise<PipelineRun[]>;
}

export interface GoalStore {
  listGoals(): Promise<Goal[]>;
  /** Creates or updates a goal (links are kept). */
  saveGoal(goal: GoalInput): Promise<Goal>;
  /** Applies one step of progress (a step checked, a number reached) in one transaction; refuses one that does not fit. */
  changeGoalProgress(goalId: string, change: GoalProgressChange): Promise<Goal>;
  deleteGoal(id: string): Promise<boolean>;
  /** Links (or with `linked: false` unlinks) a conversation or pipeline run to a goal. */
  linkGoal(goalId: string, target: GoalLinkTarget, linked: boolean): Promise<Goal>;
}

export interface CompareStore {
  insertCompareRun(run: CompareRun): Promise<CompareRun>;
  listCompareRuns(conversationId: string): Promise<CompareRun[]>;
  /** Records (or replaces, same id) a vote; the winner and ranking must be replies of the run. */
  recordVote(vote: CompareVote): Promise<CompareVote>;
  /** A run's votes, or every vote when `runId` is omitted; oldest first. */
  listVotes(runId?: string): Promise<CompareVote[]>;
}

/** What the user organises and builds around conversations. */
export type LibraryStore = FolderStore & PersonaStore & PipelineStore & GoalStore & CompareStore;

/** The usage ledger (one row per provider call) and the analytics over it (read on the reader). */
export interface UsageStore {
  /** Appends one provider call; the same id twice is stored once. */
  appendUsage(entry: UsageEntry): Promise<UsageEntry>;
  /** Ledger rows in a window, newest first. */
  queryUsage(query: UsageQuery): Promise<UsageEntry[]>;
  /** Calls, tokens and cost summed per provider, model or UTC day. */
  usageTotals(by: UsageGrouping, query: UsageQuery): Promise<UsageTotals[]>;
  /** Time-to-first-token and duration p50/p95 per model. */
  latencyStats(query: UsageQuery): Promise<LatencyStats[]>;
}

export interface SettingStore {
  getSetting(key: string): Promise<Setting | null>;
  /** `synced`: a choice the user made that follows them to other devices. */
  setSetting(key: string, value: unknown, synced: boolean): Promise<Setting>;
  listSettings(): Promise<Setting[]>;
}

/** Where the vault keeps what it knows of each key (local only, never synced; never a key in plaintext). */
export interface VaultRecordStore {
  listVaultRecords(providerId?: string): Promise<VaultRecord[]>;
  /** Inserts or replaces by id; (providerId, label) is unique. */
  putVaultRecord(record: VaultRecord): Promise<VaultRecord>;
  deleteVaultRecord(id: string): Promise<boolean>;
}

/** Import and export: long jobs in the workers, with progress and cancellation. */
export interface TransferStore {
  /** Imports a ChatGPT, Claude or RealMultiLLM export; the same file twice adds nothing. */
  importFile(request: ImportRequest, options: JobOptions): Promise<ImportSummary>;
  /** Writes one conversation or all of them as Markdown or JSON. */
  exportFile(request: ExportRequest, options: JobOptions): Promise<ExportSummary>;
}

/** Local backups, and the database's health. */
export interface BackupStore {
  /** PRAGMA integrity_check plus the search index's own check. */
  integrityCheck(): Promise<IntegrityReport>;
  /** A verified, consistent snapshot in the backups folder; older ones beyond `keep` are removed. */
  createBackup(kind: Exclude<BackupKind, 'before-restore'>, keep?: number): Promise<BackupInfo>;
  /** Newest first. */
  listBackups(): Promise<BackupInfo[]>;
  /** Replaces the data with a backup, after backing up the current data (returned). */
  restoreBackup(name: string): Promise<{ restored: BackupInfo; safetyCopy: BackupInfo }>;
}

/** What the sync client needs: this device's identity and the changes waiting to be pushed (see docs/SYNC.md). */
export interface SyncStore {
  /** This device's HLC node id (16 hex), made once and kept in the database. */
  readonly nodeId: string;
  /** The space new rows belonged to when the store opened (see `personalSpace` after a sign-in re-homed it). */
  readonly personalSpaceId: string;
  /** The space new rows belong to now. */
  personalSpace(): Promise<string>;
  /** The oldest `limit` changes not yet pushed, in the order they were made. */
  listOutbox(limit: number): Promise<OutboxChange[]>;
  /** How many outbox rows wait to be pushed. */
  countOutbox(): Promise<number>;
  /** Takes pushed changes out of the outbox (ids as `listOutbox` gave them); returns the rows removed. */
  acknowledgeOutbox(ids: string[]): Promise<number>;
  /** A space's pull position; null before its first sync. */
  syncCursor(space: string): Promise<SyncCursor | null>;
  /** Applies one pulled page with the merge rule and moves the space's cursor to `next`, in one transaction. */
  applyRemoteChanges(space: string, changes: RemoteChange[], next: number): Promise<SyncApplyResult>;
  /** Applies one snapshot page; `cursor` null marks the last page (the pull cursor becomes `seq`). */
  applySnapshotPage(space: string, rows: RemoteRow[], page: { seq: number; cursor: string | null }): Promise<SyncApplyResult>;
  /** Forgets a space's pull position, so its next sync starts with a snapshot. */
  resetSyncCursor(space: string): Promise<void>;
  /** Moves every row of space `from` into `to` (a first sign-in adopts the local space); new rows then go to `to`. */
  rehomeSpace(from: string, to: string): Promise<number>;
  /** Deletes this device's copy of a space (rows, clocks, queued changes, cursor). */
  removeSpace(space: string): Promise<number>;
  /** Moves a conversation and its rows into another space; false when there is no such live conversation. */
  moveConversationToSpace(conversationId: string, space: string): Promise<boolean>;
  /** Live conversations per space id. */
  conversationsPerSpace(): Promise<Record<string, number>>;
}

/** A change pulled from the team server. */
export interface RemoteChange {
  id: string;
  table: string;
  row: string;
  fields: Record<string, FieldValue>;
  hlc: string;
  deleted: boolean;
}

/** A row of a space's snapshot, each column with its clock. */
export interface RemoteRow {
  table: string;
  row: string;
  fields: Record<string, FieldValue>;
  clocks: Record<string, string>;
  deleted: boolean;
  deletedHlc: string | null;
}

export interface SyncCursor {
  /** The last sequence applied. */
  seq: number;
  /** A snapshot under way or done: the sequence it reflects and the next page's cursor (null when done). */
  snapshot: { seq: number; cursor: string | null } | null;
  snapshotDone: boolean;
}

export interface SyncApplyResult {
  applied: number;
  skipped: number;
  /** Conversations whose rows changed (at most 200). */
  conversations: string[];
}

/** The whole store: what openStore returns and the app wires up. Callers take the narrow interfaces above. */
export interface LocalStore
  extends ConversationStore,
    AttachmentStore,
    SearchStore,
    ProviderStore,
    FolderStore,
    PersonaStore,
    PipelineStore,
    GoalStore,
    CompareStore,
    UsageStore,
    SettingStore,
    VaultRecordStore,
    TransferStore,
    BackupStore,
    SyncStore {
  /** Where the database file lives. */
  readonly file: string;
  /** Finishes pending writes and stops the workers. */
  close(): Promise<void>;
}
