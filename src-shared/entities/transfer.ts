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

/** Something the file had that was left out, as a code the renderer words with where it was. */
export const ImportNote = z.object({
  code: z.enum([
    /** A message from a sender other than human or assistant (Claude). */
    'unknown-sender',
    /** Content blocks of a type with no place in a conversation as shown (Claude's tool_use...). */
    'blocks-left-out',
    /** Reasoning with no reply after it (ChatGPT). */
    'reasoning-left-out',
    /** How many notes past the first few the summary carries. */
    'more-left-out',
  ]),
  /** The conversation's place in the file (from 1); null for `more-left-out`. */
  conversation: z.number().int().nullable(),
  /** Its title as the file has it (at most 60 characters), maybe empty. */
  title: z.string(),
  /** The message's place in the conversation (from 1), when the note is about one. */
  message: z.number().int().nullable(),
  count: z.number().int(),
  /** The sender or block type the file names (untrusted: shown as text). */
  name: z.string(),
});
export type ImportNote = z.infer<typeof ImportNote>;

export const ImportSummary = z.object({
  format: ImportFormat.exclude(['auto']),
  /** Conversations added by this import. */
  imported: z.number().int(),
  /** Conversations already in the store from an earlier import of the same data. */
  skipped: z.number().int(),
  messages: z.number().int(),
  /** What the file had that was left out (a message from an unknown sender, a block of an unknown type). */
  notes: z.array(ImportNote),
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
