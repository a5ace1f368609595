// The parser thread of an import, started by import-job.ts on the store's writer:
// reads the file a conversation at a time, turns each into our shape and writes
// it to the staging database. It runs on the second core while the writer merges
// what is already staged, so reading a large export and writing it to the store
// overlap. The writer stops it with terminate() when the import fails or is
// cancelled. Bundled as dist/main/import-parser.js.
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportNote } from '../../../../src-shared/entities/transfer';
import { toWireError } from '../errors';
import type { WireError } from '../protocol';
import { detectFormat, READERS, type ConcreteFormat } from './formats';
import { explainImportIo, readConversationElements, transferErrors } from './json-stream';
import { Staging, type StagedTotals } from './staging';

export interface ParserOptions {
  file: string;
  stagingPath: string;
  format: ConcreteFormat | 'auto';
  /** One Int32: the last staged conversation the store's writer has merged. */
  writerProgress: SharedArrayBuffer;
  /** Whether to index batches for search while the writer is behind (only when the writer can splice that index). */
  indexes: boolean;
  /** The store's attachments folder, where imported files' bytes go. */
  attachmentsDir: string;
}

export type ParserReply =
  | { kind: 'progress'; conversations: number; bytesRead: number }
  | { kind: 'staged'; totals: StagedTotals }
  | { kind: 'done'; format: ConcreteFormat; totals: StagedTotals; notes: ImportNote[]; noteCount: number }
  | { kind: 'failed'; error: WireError };

const PROGRESS_EVERY_MS = 100;

if (!parentPort) throw new Error('src-main/core/store/import/parse-worker.ts runs only as a worker thread.');
const port = parentPort;
const post = (reply: ParserReply) => port.postMessage(reply);
const options = workerData as ParserOptions;

async function parse(): Promise<void> {
  const merged = new Int32Array(options.writerProgress);
  const staging = new Staging(
    options.stagingPath,
    (totals) => post({ kind: 'staged', totals }),
    options.indexes ? () => Atomics.load(merged, 0) : undefined,
    options.attachmentsDir,
  );
  try {
    let format: ConcreteFormat | null = options.format === 'auto' ? null : options.format;
    let lastProgress = 0;
    for await (const element of readConversationElements(options.file)) {
      if (format === null) {
        format = detectFormat(element.value);
        if (format === null) {
          throw transferErrors.malformed(options.file, 'its conversations look like none of the exports RealMultiLLM reads (ChatGPT, Claude, RealMultiLLM)');
        }
      }
      staging.add(READERS[format](element.value, element.index));
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        post({ kind: 'progress', conversations: element.index + 1, bytesRead: element.bytesRead });
      }
    }
    const totals = staging.finish();
    post({ kind: 'done', format: format ?? 'realmultillm', totals, notes: staging.notes, noteCount: staging.noteCount });
  } finally {
    staging.close();
  }
}

parse().then(
  () => port.close(),
  (error: unknown) => {
    post({ kind: 'failed', error: toWireError(explainImportIo(error, dirname(options.stagingPath))) });
    port.close();
  },
);
