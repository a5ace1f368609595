import { z } from 'zod';
import { Id } from '../../domain';
import { ExportFormat, ExportSummary, ImportFormat, ImportSummary, TransferProgress } from '../../entities/transfer';

/** A file's path. A NUL byte ends a path for the operating system, so one is refused here, not deep inside a write. */
const Path = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[^\0]*$/, 'cannot contain a NUL character');

export const transferMethods = {
  /**
   * Imports a ChatGPT or Claude conversations.json, or our own export. Resolves when
   * done; `transfer.progress` events carry `jobId` meanwhile; `transfer.cancel` stops it.
   */
  'transfer.import': {
    input: z.object({ jobId: Id, path: Path.regex(/\.json$/i, 'must be a .json file'), format: ImportFormat.default('auto') }).strict(),
    output: ImportSummary,
  },
  /** Exports one conversation (or all) as JSON or Markdown; an existing file is replaced only with `replace`. */
  'transfer.export': {
    input: z
      .object({ jobId: Id, path: Path, format: ExportFormat, conversationId: Id.optional(), replace: z.boolean().default(false) })
      .strict()
      .refine((v) => (v.format === 'json' ? /\.json$/i : /\.(md|markdown)$/i).test(v.path), {
        message: 'must end in .json for JSON or .md for Markdown',
        path: ['path'],
      }),
    output: ExportSummary,
  },
  'transfer.cancel': { input: z.object({ jobId: Id }).strict(), output: z.object({ cancelled: z.boolean() }) },
} as const;

export const transferEvents = {
  /** How far an import or export has got; at most one every 100 ms per job. */
  'transfer.progress': TransferProgress,
} as const;
