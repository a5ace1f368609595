// Import and export of conversations: formats, requests, progress and summaries.
import { z } from 'zod';
import { Id } from '../domain';

export const ImportFormat = z.enum(['auto', 'chatgpt', 'claude', 'realmultillm']);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ImportRequest = z
  .object({
    /** An absolute path to the export file (conversations.json or our own .json). */
    path: z.string().min(1).max(4096),
    format: ImportFormat.default('auto'),
  })
  .strict();
export type ImportRequest = z.input<typeof ImportRequest>;

export const ImportSummary = z.object({
  format: ImportFormat.exclude(['auto']),
  /** Conversations added by this import. */
  imported: z.number().int(),
  /** Conversations already in the store from an earlier import of the same data. */
  skipped: z.number().int(),
  messages: z.number().int(),
  /** What the file had that was left out (a message from an unknown sender, a block of an unknown type), in words. */
  notes: z.array(z.string()),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ExportFormat = z.enum(['markdown', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportRequest = z
  .object({
    /** Where to write the file; an existing file is replaced only when the export completes. */
    path: z.string().min(1).max(4096),
    format: ExportFormat,
    /** One conversation, or every conversation when omitted. */
    conversationId: Id.optional(),
  })
  .strict();
export type ExportRequest = z.input<typeof ExportRequest>;

export const ExportSummary = z.object({ path: z.string(), conversations: z.number().int(), messages: z.number().int(), bytes: z.number().int() });
export type ExportSummary = z.infer<typeof ExportSummary>;

export const TransferProgress = z.object({
  jobId: Id,
  /** checking: reading the whole file before writing anything; importing / exporting: writing. */
  phase: z.enum(['checking', 'importing', 'exporting']),
  /** Conversations handled so far in this phase. */
  conversations: z.number().int(),
  bytesDone: z.number().int(),
  /** Null when the total is unknown. */
  bytesTotal: z.number().int().nullable(),
});
export type TransferProgress = z.infer<typeof TransferProgress>;
