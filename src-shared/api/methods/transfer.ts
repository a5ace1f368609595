import { z } from 'zod';
import { Id } from '../../domain';
import { ExportFormat, ExportSummary, ImportFormat, ImportSummary, TransferProgress } from '../../entities/transfer';

/**
 * A file the user chose, as the one-time grant the app handed out for it: never a
 * path, so the page cannot name a file the user did not pick (docs/ARCHITECTURE.md,
 * "Files"). Electron's dialogs and the browser host mint grants; no method does.
 */
export const FileGrant = z.object({ grant: z.string().min(1).max(200) }).strict();

export const transferMethods = {
  /**
   * Imports a ChatGPT or Claude conversations.json, or our own export. Resolves when
   * done; `transfer.progress` events carry `jobId` meanwhile; `transfer.cancel` stops it.
   */
  'transfer.import': {
    input: z.object({ jobId: Id, file: FileGrant, format: ImportFormat.default('auto') }).strict(),
    output: ImportSummary,
  },
  /**
   * Exports one conversation (or all) as JSON or Markdown to a file granted for
   * writing; an existing file is replaced only with `replace`, or when the user
   * already agreed to in the save dialog.
   */
  'transfer.export': {
    input: z.object({ jobId: Id, file: FileGrant, format: ExportFormat, conversationId: Id.optional(), replace: z.boolean().default(false) }).strict(),
    output: ExportSummary,
  },
  'transfer.cancel': { input: z.object({ jobId: Id }).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const;

export const transferEvents = {
  /** How far an import or export has got; at most one every 100 ms per job. */
  'transfer.progress': TransferProgress,
} as const;
