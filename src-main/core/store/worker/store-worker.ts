// A store worker thread (bundled as dist/main/store-worker.js). The writer is the
// only connection that writes; the reader holds a read-only connection for search,
// analytics and backups. Each answers calls one at a time in the order posted;
// long jobs (import, export) run between calls, a batch at a time, so they never
// hold the thread for long.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { AppError } from '../../../../src-shared/api/errors';
import { createBackup, findBackup, verifyBackup } from '../backup/backups';
import { putBackupInPlace } from '../backup/restore';
import { explainIoError, toWireError } from '../errors';
import { runExport } from '../export/export-job';
import { removeImportLeftovers, runImport } from '../import/import-job';
import type { JobName, StoreRequest, WorkerOptions, WorkerReply } from '../protocol';
import { startReader } from '../reader/requests';
import { createRepositories, type Repositories } from '../repositories';
import { MetaRepository } from '../repositories/meta';
import { latestVersion } from '../schema/migrate';
import { SearchIndexMerger } from '../search/index-merger';
import { startWriter } from '../writer/requests';
import { openDatabase, openReadOnly } from './database';

if (!parentPort) throw new Error('src-main/core/store/worker/store-worker.ts runs only as a worker thread.');
const port = parentPort;
const post = (reply: WorkerReply) => port.postMessage(reply);
const options = workerData as WorkerOptions;

interface Session {
  db: Database.Database;
  repositories: Repositories;
  personalSpaceId: string;
  /** The request table of this thread's role (writer/requests.ts or reader/requests.ts). */
  requests: Record<string, (...args: unknown[]) => unknown>;
  /** The writer's merger thread for the search index (search/index-merger.ts); null on the reader. */
  merger: SearchIndexMerger | null;
}

function openSession(): Session & { nodeId: string } {
  if (options.role === 'writer') {
    const db = openDatabase(options.file);
    try {
      const { identity, repositories, requests } = startWriter(db, options.file, options.nodeId);
      removeImportLeftovers(dirname(options.file));
      // An import's index merging that a quit or crash cut off resumes now.
      const merger = new SearchIndexMerger(db, options.file);
      merger.start();
      return { db, repositories, requests: requests as Session['requests'], merger, ...identity };
    } catch (error) {
      db.close();
      throw error;
    }
  }
  const db = openReadOnly(options.file);
  const meta = new MetaRepository(db);
  const nodeId = meta.get('node_id') ?? '0000000000000000';
  const personalSpaceId = meta.get('personal_space_id') ?? '';
  const requests = startReader(db, options.file, nodeId) as unknown as Session['requests'];
  return { db, repositories: createRepositories(db, options.file, nodeId), requests, merger: null, nodeId, personalSpaceId };
}

let session!: Session;
let opened = false;
try {
  const first = openSession();
  session = first;
  opened = true;
  post({ kind: 'ready', nodeId: first.nodeId, personalSpaceId: first.personalSpaceId });
} catch (error) {
  // Reported, not thrown: the thread simply ends once the port is closed.
  post({ kind: 'open-failed', error: toWireError(explainIoError(error, options.file)) });
  port.close();
}

const jobs = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
let importsRunning = 0;
/**
 * Imports run one after the other: an import's merge uses the writer's connection
 * under fixed names (the attached staging and scratch databases, its bookkeeping in
 * temp tables), so a second one waits for the first to end.
 */
let importQueue: Promise<unknown> = Promise.resolve();

function runJob(id: number, job: JobName, jobId: string, request: unknown): void {
  const controller = new AbortController();
  const progress = (value: unknown) => post({ kind: 'progress', id, progress: value });
  const context = { db: session.db, repositories: session.repositories, file: options.file, spaceId: session.repositories.meta.get('personal_space_id') ?? session.personalSpaceId };
  const done = (async () => {
    if (job === 'import') {
      if (options.role !== 'writer') throw new Error('Imports run on the writer.');
      // The merger writes to the index too: it waits while imports' batches go in, and merges them after the last.
      importsRunning += 1;
      await session.merger?.stop();
      try {
        const turn = importQueue.then(() => runImport(context, request, { jobId, signal: controller.signal, progress }));
        importQueue = turn.catch(() => {});
        return await turn;
      } finally {
        importsRunning -= 1;
        if (importsRunning === 0) session.merger?.start();
      }
    }
    return runExport(context, request, { jobId, signal: controller.signal, progress });
  })().then(
    (value) => post({ kind: 'result', id, value }),
    (error: unknown) => post({ kind: 'error', id, error: toWireError(explainIoError(error, options.file)) }),
  );
  jobs.set(jobId, { controller, done: done.finally(() => jobs.delete(jobId)) });
}

/** Requests that came in while the writer waited for its merger thread to stop; answered in order after. */
let held: StoreRequest[] | null = null;

/** Runs `work` once the merger thread has stopped, holding later requests until it is done; then starts the merger again if needed. */
function withMergerStopped(work: () => void): void {
  held = [];
  void (session.merger?.stop() ?? Promise.resolve()).then(() => {
    try {
      work();
    } finally {
      if (opened) session.merger?.start();
      const waiting = held ?? [];
      held = null;
      for (const request of waiting) answer(request);
    }
  });
}

/** Replaces the data with a backup: verified first, the current data backed up first. */
function restore(name: string) {
  if (jobs.size > 0) throw new AppError('backup.busy', 'An import or export is running. Wait for it to finish (or cancel it), then restore.');
  const backup = findBackup(options.file, name);
  verifyBackup(backup.path, latestVersion());
  const safetyCopy = createBackup(session.db, options.file, 'before-restore', { newestKnownSchema: latestVersion() });
  session.db.close();
  let keptAs: string | null = null;
  try {
    keptAs = putBackupInPlace(options.file, backup.path);
    session = openSession();
  } catch (error) {
    // Put the current data back where it was, and carry on with it.
    if (keptAs) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(options.file + suffix, { force: true });
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(keptAs + suffix)) renameSync(keptAs + suffix, options.file + suffix);
    }
    session = openSession();
    throw new AppError(
      'backup.restore-failed',
      `Restoring ${backup.name} failed (${(error as Error).message}). Your data is as it was before; a copy of it is also in ${safetyCopy.name}.`,
      { name: backup.name, copy: safetyCopy.name, details: (error as Error).message },
    );
  }
  // The current data is safe in the verified safety copy; the renamed file is a duplicate of it.
  if (keptAs) for (const suffix of ['', '-wal', '-shm']) rmSync(keptAs + suffix, { force: true });
  return { restored: backup, safetyCopy };
}

async function close(id: number): Promise<void> {
  for (const job of jobs.values()) job.controller.abort();
  await Promise.allSettled([...jobs.values()].map((job) => job.done));
  opened = false;
  await session.merger?.stop();
  try {
    if (options.role === 'writer') session.db.pragma('optimize');
    session.db.close();
    post({ kind: 'result', id, value: undefined });
  } catch (error) {
    post({ kind: 'error', id, error: toWireError(error) });
  }
  port.close();
}

function answer(request: StoreRequest): void {
  if (held) {
    held.push(request);
    return;
  }
  switch (request.kind) {
    case 'close':
      void close(request.id);
      return;
    case 'cancel':
      jobs.get(request.jobId)?.controller.abort();
      return;
    case 'job':
      runJob(request.id, request.job, request.jobId, request.request);
      return;
    case 'restore':
      // The merger's connection must not outlive the file it writes to.
      withMergerStopped(() => {
        try {
          post({ kind: 'result', id: request.id, value: restore(request.name) });
        } catch (error) {
          post({ kind: 'error', id: request.id, error: toWireError(explainIoError(error, options.file)) });
        }
      });
      return;
    case 'call':
      try {
        const handler = session.requests[request.method];
        if (!handler) throw new Error(`The ${options.role} does not answer ${request.method}.`);
        post({ kind: 'result', id: request.id, value: handler(...request.args) });
      } catch (error) {
        post({ kind: 'error', id: request.id, error: toWireError(explainIoError(error, options.file)) });
      }
  }
}

if (opened) port.on('message', answer);
