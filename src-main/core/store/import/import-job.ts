// An import, as run by the store's writer. Three threads share the work: the
// parser (parse-worker.ts, on the second core) reads and checks the file into a
// staging database; this thread merges each staged batch into the store as soon
// as it is committed; the checkpointer (checkpoint-worker.ts) copies the store's
// log into its file meanwhile. A file that turns out to be malformed part-way, or
// a cancel, rolls back what was merged, so an import either completes or adds
// nothing. (If the app itself dies mid-import, importing the same file again adds
// the rest, without duplicates.) Progress is reported at most every 100 ms.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../../../src-shared/api/errors';
import { describeInvalidInput, inputProblems } from '../../../../src-shared/api/input-problems';
import { ImportRequest, type ImportNote, type ImportSummary, type TransferProgress } from '../../../../src-shared/entities/transfer';
import { fromWireError } from '../errors';
import { deferSearchMerging } from '../search/index-merger';
import { startWorker } from '../start-worker';
import type { CheckpointerOptions, CheckpointerReply, CheckpointerRequest } from './checkpoint-worker';
import type { JobContext, JobControl } from '../worker/job-context';
import { storeIndexSpliceable } from './fts-splice';
import { explainImportIo, transferErrors } from './json-stream';
import { Merger } from './merge';
import type { ParserOptions, ParserReply } from './parse-worker';
import { Staging, type StagedTotals } from './staging';
import { releaseUndoRoom, setAsideUndoRoom, undoRoomPath } from './undo-room';

const PROGRESS_EVERY_MS = 100;

const cancelled = () => new AppError('transfer.cancelled', 'The import was cancelled. Nothing was imported.');

export async function runImport(context: JobContext, rawRequest: unknown, control: JobControl): Promise<ImportSummary> {
  const parsed = ImportRequest.safeParse(rawRequest);
  if (!parsed.success) {
    throw new AppError('transfer.invalid', `The import request is not valid: ${describeInvalidInput(parsed.error)}.`).withProblems(inputProblems(parsed.error));
  }
  const request = parsed.data;
  let bytesTotal: number;
  try {
    bytesTotal = statSync(request.path).size;
  } catch (error) {
    throw transferErrors.unreadable(request.path, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  let lastProgress = 0;
  const report = (progress: Omit<TransferProgress, 'jobId' | 'bytesTotal'>, force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    control.progress({ jobId: control.jobId, bytesTotal, ...progress } satisfies TransferProgress);
  };

  const dataFolder = dirname(context.file);
  const undoRoom = undoRoomPath(dataFolder, control.jobId);
  try {
    setAsideUndoRoom(undoRoom, bytesTotal);
  } catch (error) {
    throw explainImportIo(error, dataFolder);
  }
  const stagingPath = Staging.pathFor(dataFolder, control.jobId);
  try {
    Staging.create(stagingPath);
  } catch (error) {
    releaseUndoRoom(undoRoom);
    Staging.remove(stagingPath);
    throw explainImportIo(error, dataFolder);
  }
  try {
    // The index's segments are merged after the import, by the merger thread (search/index-merger.ts).
    deferSearchMerging(context.db);
  } catch (error) {
    releaseUndoRoom(undoRoom);
    Staging.remove(stagingPath);
    throw explainImportIo(error, dataFolder);
  }
  // How far the writer has merged, for the parser to see at once (it indexes batches while the writer is behind,
  // when the writer can splice its index: not on a SQLite the splice was not verified on, say).
  const writerProgress = new SharedArrayBuffer(4);
  const writerMerged = new Int32Array(writerProgress);
  const indexes = storeIndexSpliceable(context.db);
  const parser = new ParserThread({
    file: request.path,
    stagingPath,
    format: request.format,
    writerProgress,
    indexes,
    attachmentsDir: context.repositories.attachments.dir,
  });
  const cancel = () => parser.wakeUp();
  control.signal.addEventListener('abort', cancel);
  let merger: Merger | null = null;
  let checkpointer: Checkpointer | null = null;
  try {
    checkpointer = new Checkpointer(context, bytesTotal);
    merger = new Merger(context, stagingPath);
    for (;;) {
      if (control.signal.aborted) throw cancelled();
      if (parser.failure) throw parser.failure;
      const range = merger.nextBatch(parser.staged.ord, parser.finished !== null);
      if (range) {
        merger.merge(range);
        Atomics.store(writerMerged, 0, range.hi);
        await checkpointer?.betweenBatches();
        report({ phase: 'importing', conversations: merger.result.imported + merger.result.skipped, bytesDone: parser.bytesRead });
        // Let the writer answer other requests (a streaming reply's flush) between batches.
        await nextTurn();
        continue;
      }
      if (parser.finished) break;
      await parser.next();
      report({ phase: 'checking', conversations: parser.conversations, bytesDone: parser.bytesRead });
    }
    const done = merger.result.imported + merger.result.skipped;
    report({ phase: 'importing', conversations: done, bytesDone: bytesTotal }, true);
    const more = parser.noteCount - parser.notes.length;
    const notes: ImportNote[] =
      more > 0 ? [...parser.notes, { code: 'more-left-out', conversation: null, title: '', message: null, count: more, name: '' }] : parser.notes;
    return { format: parser.finished!, ...merger.result, notes };
  } catch (caught) {
    const error = explainImportIo(caught, dataFolder);
    await Promise.all([parser.stop(), checkpointer?.stop()]);
    // The scratch file and the reserve go first: on a full disk, undoing needs their room.
    merger?.close();
    Staging.remove(stagingPath);
    releaseUndoRoom(undoRoom);
    if (merger) undo(merger, error);
    throw error;
  } finally {
    control.signal.removeEventListener('abort', cancel);
    merger?.close();
    await Promise.all([parser.exited, checkpointer?.stop()]);
    Staging.remove(stagingPath);
    releaseUndoRoom(undoRoom);
  }
}

const LEFTOVER = /^import-[0-9a-f-]+\.(reserve|staging\.sqlite(-wal|-shm)?)$/;

/**
 * Deletes the scratch files of imports the app did not live to finish (the writer
 * calls this as it opens, before any import). Best effort: a file that cannot be
 * deleted only takes room, and must not keep the store from opening.
 */
export function removeImportLeftovers(dataFolder: string): void {
  try {
    for (const name of readdirSync(dataFolder)) if (LEFTOVER.test(name)) rmSync(join(dataFolder, name), { force: true });
  } catch {
    // See above.
  }
}

/** Rolls back what was merged; if even that fails, says what is left in the store and how to finish it. */
function undo(merger: Merger, cause: unknown): void {
  try {
    merger.rollBack();
  } catch (error) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new AppError(
      'transfer.partial',
      `The import stopped (${reason}), and undoing it failed too (${(error as Error).message}): ` +
        `${merger.result.imported} imported conversations are still in the store. Import the same file again to complete them; nothing will be duplicated.`,
      { count: merger.result.imported, details: reason },
    );
  }
}

/** The size of the log past which the writer lets the checkpointer catch up: the export's size, at most this (see betweenBatches). */
const CATCH_UP_MAX_BYTES = 1024 * 1024 * 1024;

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * The checkpointer thread (checkpoint-worker.ts), standing in for the writer's
 * own automatic checkpoints while it runs, so that copying the log into the
 * database file is off the writer's path. Its failure costs speed, never data.
 */
class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  /** The writer's wal_autocheckpoint, put back by stop(). */
  private readonly autocheckpoint: number;
  private stopped: Promise<void> | null = null;
  private readonly catchUpBytes: number;
  /** True from the thread's 'ready' to its end. */
  private running = false;
  private caughtUp: () => void = () => {};

  constructor(
    private readonly context: JobContext,
    exportBytes: number,
  ) {
    this.catchUpBytes = Math.min(CATCH_UP_MAX_BYTES, exportBytes);
    this.autocheckpoint = context.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.worker = startWorker('importCheckpointer', {
      file: context.file,
    } satisfies CheckpointerOptions);
    // The writer's own checkpoints stop only once the thread has the database open,
    // and start again at once if the thread ends early (it cannot start, say).
    this.worker.on('message', (message: CheckpointerReply) => {
      if (message === 'ready' && !this.stopped) {
        this.running = true;
        this.setAutocheckpoint(0);
      } else if (message === 'caught-up') {
        this.caughtUp();
      }
    });
    this.worker.on('error', () => {});
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.running = false;
        this.setAutocheckpoint(this.autocheckpoint);
        this.caughtUp();
        resolve();
      }),
    );
  }

  /**
   * Called between batches. The writer starts its next transaction at once, so the
   * thread is always copying the last commit then, and the log never starts over:
   * left alone, it grew to 2.6 GB in a million-message import (more than the
   * 1.7 GB database). Past catchUpBytes the writer waits for the thread to copy
   * what is left (the last batch or so), and its next transaction starts the log
   * over, cut back to the store's journal_size_limit. Each wait costs the
   * writer: catching up past 256 MB kept about 1.4 s of the thread's 5-6 s gain;
   * past 1 GB (the log's peak 1.1 GB) the import was 3.1-9.2 s faster than with no
   * thread, in three pairs of runs. A smaller export catches up past its own
   * size, so the log stays near the export's size (past it by a batch or so:
   * 84 MB for a 62 MB export in checkpoint.test.ts).
   */
  async betweenBatches(): Promise<void> {
    if (!this.running || walBytes(this.context.file) < this.catchUpBytes) return;
    const caughtUp = new Promise<void>((resolve) => (this.caughtUp = resolve));
    this.worker.postMessage('catch-up' satisfies CheckpointerRequest);
    await caughtUp;
  }

  /** Lets the thread finish the checkpoint under way; checkpoints are the writer's again once it has ended (later calls wait for the first). */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.worker.postMessage('stop' satisfies CheckpointerRequest);
      await this.exited;
    })();
    return this.stopped;
  }

  private setAutocheckpoint(pages: number): void {
    if (this.context.db.open) this.context.db.pragma(`wal_autocheckpoint = ${pages}`);
  }
}

/** The parser thread as the writer sees it: what it has staged, and a promise for its next word. */
class ParserThread {
  staged: StagedTotals = { ord: 0, conversations: 0, messages: 0 };
  conversations = 0;
  bytesRead = 0;
  /** The file's format, once the whole file is staged. */
  finished: ImportSummary['format'] | null = null;
  /** What the file had that was left out (the first few), and how many such notes in all. */
  notes: ImportNote[] = [];
  noteCount = 0;
  failure: Error | null = null;
  readonly exited: Promise<void>;
  private readonly worker: Worker;
  private wake: () => void = () => {};

  constructor(options: ParserOptions) {
    this.worker = startWorker('importParser', options);
    this.worker.on('message', (reply: ParserReply) => {
      if (reply.kind === 'progress') {
        this.conversations = reply.conversations;
        this.bytesRead = reply.bytesRead;
      } else if (reply.kind === 'staged') {
        this.staged = reply.totals;
      } else if (reply.kind === 'done') {
        this.staged = reply.totals;
        this.notes = reply.notes;
        this.noteCount = reply.noteCount;
        this.finished = reply.format;
      } else {
        this.failure = fromWireError(reply.error);
      }
      this.wake();
    });
    this.worker.on('error', (error) => {
      this.failure ??= new AppError('transfer.failed', `The import stopped: ${error.message}. Nothing was imported.`, { details: error.message });
      this.wake();
    });
    this.exited = new Promise((resolve) =>
      this.worker.on('exit', () => {
        if (!this.finished) this.failure ??= new AppError('transfer.stopped', 'The import stopped unexpectedly. Nothing was imported.');
        this.wake();
        resolve();
      }),
    );
  }

  /** Resolves at the parser's next message, its exit, or `wakeUp`. */
  next(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  wakeUp(): void {
    this.wake();
  }

  /** Stops the parser wherever it is (even blocked reading the file). */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
