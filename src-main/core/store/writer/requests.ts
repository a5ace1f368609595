// The writer's request table: one function per store method the writer answers
// (protocol.ts says which). Each write is one transaction, so a row and its
// outbox change are committed together or not at all.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { Id } from '../../../../src-shared/domain';
import { CompareRun, CompareVote } from '../../../../src-shared/entities/compare';
import { GoalInput, GoalLinkTarget, GoalProgressChange } from '../../../../src-shared/entities/goals';
import { ConversationPatch, ConversationQuery, Folder } from '../../../../src-shared/entities/library';
import { Persona } from '../../../../src-shared/entities/personas';
import { NewPipelineRun, Pipeline, PipelineRunPatch, PipelineRunStep } from '../../../../src-shared/entities/pipelines';
import { ProviderSettings } from '../../../../src-shared/entities/provider-settings';
import { SettingKey } from '../../../../src-shared/entities/settings';
import { UsageEntry } from '../../../../src-shared/entities/usage';
import { VaultRecord } from '../../../../src-shared/entities/vault-records';
import { storeErrors } from '../errors';
import type { RemoteChange } from '../interfaces';
import type { WriterRequests } from '../protocol';
import { createRepositories, type Repositories } from '../repositories';
import type { Identity } from '../repositories/meta';
import { MetaRepository } from '../repositories/meta';
import {
  Limit,
  MessageOutcomeInput,
  NewAttachmentInput,
  NewConversationInput,
  NewMessageInput,
  PageInput,
  ProviderInput,
  parseInput,
} from '../worker/validation';
import { integrityCheck } from './integrity-check';

const SpaceId = z.string().min(1).max(64);
const Seq = z.number().int().nonnegative();
const Field = z.union([z.string(), z.number(), z.null()]);
/**
 * A pulled page, checked by hand rather than with a zod schema: this runs for
 * every change of every pull (zod cost a fifth of the apply). The repository then
 * checks each change's table and fields against the sync schema.
 */
function parseRemoteChanges(value: unknown): RemoteChange[] {
  if (!Array.isArray(value) || value.length > 10_000) throw storeErrors.invalid('The pulled changes are not a list of at most 10,000.');
  for (const change of value as Partial<RemoteChange>[]) {
    const ok =
      typeof change === 'object' && change !== null &&
      typeof change.id === 'string' && typeof change.table === 'string' && typeof change.hlc === 'string' &&
      typeof change.row === 'string' && change.row.length > 0 && change.row.length <= 256 &&
      typeof change.deleted === 'boolean' && typeof change.fields === 'object' && change.fields !== null && !Array.isArray(change.fields);
    if (!ok) throw storeErrors.invalid('A pulled change does not have the shape of a change.');
  }
  return value as RemoteChange[];
}
const RemoteRows = z.array(
  z.object({
    table: z.string(),
    row: z.string().min(1).max(256),
    fields: z.record(z.string(), Field),
    clocks: z.record(z.string(), z.string()),
    deleted: z.boolean(),
    deletedHlc: z.string().nullable(),
  }),
).max(10_000);
const SnapshotPage = z.object({ seq: Seq, cursor: z.string().max(2048).nullable() });

export interface StartedWriter {
  identity: Identity;
  repositories: Repositories;
  requests: WriterRequests;
}

/** Wires the repositories to the store methods, after recovering work cut off by a crash or quit. */
export function startWriter(db: Database.Database, file: string, seedNodeId?: string): StartedWriter {
  const identity = new MetaRepository(db).ensureIdentity(seedNodeId);
  const repositories = createRepositories(db, file, identity.nodeId);
  const { conversations, messages, folders, providers, personas, pipelines, goals, compare, usage, attachments, settings, sync } =
    repositories;
  // The space new rows go to: the local space, until a sign-in re-homes it into the account's.
  let space = identity.personalSpaceId;

  db.transaction(() => {
    messages.interruptStreaming();
    pipelines.interruptRunning(Date.now());
  }).immediate();
  const write = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const transaction = db.transaction(fn);
    return (...args: A): R => transaction.immediate(...args);
  };
  const id = (value: unknown, what: string) => parseInput(Id, value, what);
  const liveConversation = (conversationId: unknown) => {
    const row = conversations.findRow(id(conversationId, 'conversation id'));
    if (!row) throw storeErrors.notFound('conversation', String(conversationId));
    return row;
  };

  const requests: WriterRequests = {
    createConversation: write((input) => {
      const { id: conversationId, title } = parseInput(NewConversationInput, input, 'new conversation');
      return conversations.create({ id: conversationId, title, spaceId: space });
    }),
    listConversations: (limit) => conversations.listRecent(parseInput(Limit, limit, 'list limit')),
    queryConversations: (query) => conversations.query(parseInput(ConversationQuery, query, 'conversation filter')),
    getConversation: (conversationId) => {
      const conversation = conversations.details(id(conversationId, 'conversation id'));
      return conversation ? { conversation, messages: messages.listByConversation(conversation.id) } : null;
    },
    updateConversation: write((conversationId, patch) =>
      conversations.update(id(conversationId, 'conversation id'), parseInput(ConversationPatch, patch, 'conversation change')),
    ),
    setShownLeaf: write((conversationId, leafId) => {
      const row = liveConversation(conversationId);
      if (leafId !== null) {
        const leaf = messages.findRow(id(leafId, 'message id'));
        if (!leaf || leaf.conversation_id !== row.id) throw storeErrors.invalid(`Message ${leafId} is not in conversation ${row.id}.`);
      }
      conversations.setShownLeaf(row, leafId);
    }),
    deleteConversation: write((conversationId) => {
      const checked = id(conversationId, 'conversation id');
      if (!conversations.tombstone(checked)) return false;
      messages.tombstoneConversation(checked);
      return true;
    }),
    restoreConversation: write((conversationId) => conversations.restore(id(conversationId, 'conversation id'))),

    listFolders: () => folders.list(),
    saveFolder: write((folder) => folders.save(parseInput(Folder, folder, 'folder'), space)),
    deleteFolder: write((folderId) => folders.delete(id(folderId, 'folder id'))),
    listTags: () => folders.tags(),

    insertMessage: write((message) => messages.insertMessage(parseInput(NewMessageInput, message, 'new message'))),
    appendStreamingText: write((messageId, chunk) =>
      messages.appendStreamingText(id(messageId, 'message id'), parseInput(z.string(), chunk, 'streamed text')),
    ),
    appendStreamingReasoning: write((messageId, chunk) =>
      messages.appendStreamingReasoning(id(messageId, 'message id'), parseInput(z.string(), chunk, 'streamed reasoning')),
    ),
    finishMessage: write((messageId, outcome) =>
      messages.finishMessage(id(messageId, 'message id'), parseInput(MessageOutcomeInput, outcome, 'message outcome')),
    ),
    listMessagePage: (conversationId, page) => {
      const { beforeId, limit } = parseInput(PageInput, page, 'page');
      return messages.page(id(conversationId, 'conversation id'), beforeId, limit);
    },
    getBranch: (conversationId, leafId) => {
      const row = liveConversation(conversationId);
      return messages.branch(row.id, leafId === undefined ? row.shown_leaf_id : id(leafId, 'message id'));
    },
    getBranchView: (conversationId) => {
      const row = liveConversation(conversationId);
      return { conversation: conversations.details(row.id)!, ...messages.branchView(row.id, row.shown_leaf_id) };
    },
    showBranchThrough: write((conversationId, messageId) => {
      const row = liveConversation(conversationId);
      const leaf = messages.newestUnder(row.id, id(messageId, 'message id'));
      conversations.setShownLeaf(row, leaf);
      return leaf;
    }),

    listProviders: () => providers.list(),
    getProvider: (providerId) => providers.find(id(providerId, 'provider id')),
    saveProvider: write((provider) => providers.save(parseInput(ProviderInput, provider, 'provider configuration'), space)),
    deleteProvider: write((providerId) => providers.delete(id(providerId, 'provider id'))),
    getProviderSettings: (providerId) => providers.settings(id(providerId, 'provider id')),
    setProviderSettings: write((providerId, value) =>
      providers.setSettings(id(providerId, 'provider id'), parseInput(ProviderSettings, value, 'provider settings')),
    ),

    listPersonas: () => personas.list(),
    savePersona: write((persona) => personas.save(parseInput(Persona, persona, 'persona'), space)),
    deletePersona: write((personaId) => personas.delete(id(personaId, 'persona id'))),

    listPipelines: () => pipelines.list(),
    getPipeline: (pipelineId) => pipelines.find(id(pipelineId, 'pipeline id')),
    savePipeline: write((pipeline) => pipelines.save(parseInput(Pipeline, pipeline, 'pipeline'), space)),
    deletePipeline: write((pipelineId) => pipelines.delete(id(pipelineId, 'pipeline id'))),
    insertPipelineRun: write((run) => pipelines.insertRun(parseInput(NewPipelineRun, run, 'pipeline run'), space)),
    updatePipelineRun: write((runId, patch) =>
      pipelines.updateRun(id(runId, 'pipeline run id'), parseInput(PipelineRunPatch, patch, 'pipeline run change')),
    ),
    recordPipelineStep: write((runId, step) =>
      pipelines.recordStep(id(runId, 'pipeline run id'), parseInput(PipelineRunStep, step, 'pipeline step')),
    ),
    getPipelineRun: (runId) => pipelines.findRun(id(runId, 'pipeline run id')),
    listPipelineRuns: (pipelineId, limit) => pipelines.listRuns(id(pipelineId, 'pipeline id'), parseInput(Limit, limit, 'list limit')),

    listGoals: () => goals.list(),
    saveGoal: write((goal) => goals.save(parseInput(GoalInput, goal, 'goal'), space)),
    changeGoalProgress: write((goalId, change) =>
      goals.changeProgress(id(goalId, 'goal id'), parseInput(GoalProgressChange, change, 'goal progress')),
    ),
    deleteGoal: write((goalId) => goals.delete(id(goalId, 'goal id'))),
    linkGoal: write((goalId, target, linked) =>
      goals.link(id(goalId, 'goal id'), parseInput(GoalLinkTarget, target, 'goal link'), parseInput(z.boolean(), linked, 'linked')),
    ),

    insertCompareRun: write((run) => compare.insertRun(parseInput(CompareRun, run, 'comparison'))),
    listCompareRuns: (conversationId) => compare.listRuns(id(conversationId, 'conversation id')),
    recordVote: write((vote) => compare.recordVote(parseInput(CompareVote, vote, 'vote'))),
    listVotes: (runId) => compare.listVotes(runId === undefined ? undefined : id(runId, 'comparison id')),

    appendUsage: write((entry) => usage.append(parseInput(UsageEntry, entry, 'usage entry'), space)),

    putAttachment: (input) => {
      const checked = parseInput(NewAttachmentInput, input, 'attachment');
      // The file goes in place first, outside the transaction: a crash leaves at worst an unreferenced file.
      const content = attachments.storeBytes(checked.source);
      return write(() => {
        if (checked.messageId !== null && !messages.findRow(checked.messageId)) throw storeErrors.notFound('message', checked.messageId);
        return attachments.insert(checked, content, space);
      })();
    },
    getAttachment: (attachmentId) => attachments.open(id(attachmentId, 'attachment id')),
    listAttachments: (messageId) => attachments.listByMessage(id(messageId, 'message id')),
    listAttachmentsOf: (messageIds) => attachments.listByMessages(parseInput(z.array(Id).max(100_000), messageIds, 'message ids')),

    getSetting: (key) => settings.get(parseInput(SettingKey, key, 'setting name')),
    setSetting: write((key, value, synced) =>
      settings.set(parseInput(SettingKey, key, 'setting name'), parseInput(z.json(), value, 'setting value'), synced === true, space),
    ),
    listSettings: () => settings.list(),

    listVaultRecords: (providerId) => repositories.vaultRecords.list(providerId),
    putVaultRecord: write((record) => repositories.vaultRecords.put(parseInput(VaultRecord, record, 'vault record'))),
    deleteVaultRecord: write((recordId) => repositories.vaultRecords.delete(id(recordId, 'vault record id'))),

    integrityCheck: () => integrityCheck(db),
    listOutbox: (limit) => repositories.outbox.listOldest(parseInput(Limit, limit, 'list limit')),
    countOutbox: () => sync.countOutbox(),
    acknowledgeOutbox: write((ids) => sync.acknowledge(parseInput(z.array(z.string().max(80)).max(100_000), ids, 'change ids'))),
    personalSpace: () => space,
    syncCursor: (spaceId) => sync.cursor(parseInput(SpaceId, spaceId, 'space id')),
    applyRemoteChanges: write((spaceId, changes, next) =>
      sync.applyChanges(parseInput(SpaceId, spaceId, 'space id'), parseRemoteChanges(changes), parseInput(Seq, next, 'sequence')),
    ),
    applySnapshotPage: write((spaceId, rows, page) =>
      sync.applySnapshot(parseInput(SpaceId, spaceId, 'space id'), parseInput(RemoteRows, rows, 'snapshot rows'), parseInput(SnapshotPage, page, 'snapshot page')),
    ),
    resetSyncCursor: write((spaceId) => sync.resetCursor(parseInput(SpaceId, spaceId, 'space id'))),
    rehomeSpace: write((from, to) => {
      const moved = sync.rehome(parseInput(SpaceId, from, 'space id'), parseInput(SpaceId, to, 'space id'));
      if (space === from) space = to;
      return moved;
    }),
    removeSpace: write((spaceId) => sync.removeSpace(parseInput(SpaceId, spaceId, 'space id'))),
    moveConversationToSpace: write((conversationId, spaceId) => sync.moveConversation(id(conversationId, 'conversation id'), parseInput(SpaceId, spaceId, 'space id'))),
    conversationsPerSpace: () => sync.conversationsPerSpace(),
  };
  return { identity, repositories, requests };
}
