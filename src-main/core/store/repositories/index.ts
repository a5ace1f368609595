// Builds every repository over one connection. The writer and the reader both use
// this; only the writer ever calls a method that writes.
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { AttachmentRepository } from './attachments';
import { CompareRepository } from './compare';
import { ConversationRepository } from './conversations';
import { FolderRepository } from './folders';
import { GoalRepository } from './goals';
import { MessageRepository } from './messages';
import { MetaRepository } from './meta';
import { OutboxRepository } from './outbox';
import { PersonaRepository } from './personas';
import { PipelineRepository } from './pipelines';
import { ProviderRepository } from './providers';
import { SettingsRepository } from './settings';
import { SyncRepository } from './sync';
import { SyncedRows } from './synced-rows';
import { UsageRepository } from './usage';
import { VaultRecordRepository } from './vault-records';

export type Repositories = ReturnType<typeof createRepositories>;

export function createRepositories(db: Database.Database, file: string, nodeId: string) {
  const meta = new MetaRepository(db);
  const outbox = new OutboxRepository(db, meta, nodeId);
  const rows = new SyncedRows(db, outbox);
  const conversations = new ConversationRepository(db, outbox, rows);
  const messages = new MessageRepository(db, outbox, conversations);
  return {
    db,
    meta,
    outbox,
    rows,
    conversations,
    messages,
    folders: new FolderRepository(db, rows, conversations),
    providers: new ProviderRepository(db, outbox),
    personas: new PersonaRepository(db, rows),
    pipelines: new PipelineRepository(db, rows),
    goals: new GoalRepository(db, rows),
    compare: new CompareRepository(db, rows, conversations, messages),
    usage: new UsageRepository(db, rows),
    attachments: new AttachmentRepository(db, rows, join(dirname(file), 'attachments')),
    settings: new SettingsRepository(db, outbox),
    vaultRecords: new VaultRecordRepository(db),
    sync: new SyncRepository(db, meta, outbox, messages),
  };
}
