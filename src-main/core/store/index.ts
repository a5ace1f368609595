// The store's public entry: the rest of the app imports the store from here
// only (tests and benchmarks also from ./testing). Opening it starts its worker
// threads; see README.md for how it works.
export { openStore } from './client/open-store';
export { EXPORT_EXTENSIONS, exportFileName, isExportFileFormat, type ExportFileFormat } from './client/export-file-names';
export type {
  AttachmentStore,
  BackupStore,
  CompareStore,
  ConversationStore,
  FolderStore,
  GoalStore,
  JobOptions,
  LibraryStore,
  LocalStore,
  MessageOutcome,
  NewAttachment,
  NewMessage,
  OutboxChange,
  PersonaStore,
  PipelineStore,
  ProviderStore,
  SearchStore,
  SettingStore,
  RemoteChange,
  RemoteRow,
  SyncApplyResult,
  SyncCursor,
  SyncedTable,
  SyncStore,
  TagSummary,
  TransferStore,
  UsageStore,
  VaultRecordStore,
} from './interfaces';
