// Merging the search index after an import, on a thread of its own.
//
// FTS5 writes each transaction's index entries as a new segment and merges
// segments as it goes ('automerge'). During an import that merging was a quarter
// of the writer's time, so an import defers it (`deferSearchMerging`): no
// automerge, and a crisis merge (all of a level's segments at once) only past 200
// segments instead of FTS5's 16, so that no write after the import stalls for
// seconds merging everything. Search is as fast over the unmerged segments (about
// 50 for a million messages: docs/perf/store.md). The merging is then
// done by the merger thread (index-merger-worker.ts), a step at a time on its own
// connection, which never holds up the writer's reads (WAL) and holds its writes
// for one step at most. Once there is nothing left to merge it puts the normal
// settings back. A pending merge is marked in `meta`, in the same transaction as
// the settings, so a merge cut off by a quit or crash resumes at the next start.
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { startWorker } from '../start-worker';
import type { SearchMergerOptions } from './index-merger-worker';

interface MergeSettings {
  automerge: number;
  crisismerge: number;
}

/** The index's settings the rest of the time: automerge as migrations 4 and 6 set it, crisismerge FTS5's default. */
export const NORMAL_MERGING: MergeSettings = { automerge: 8, crisismerge: 16 };
/** During an import and until its segments are merged. */
export const DEFERRED_MERGING: MergeSettings = { automerge: 0, crisismerge: 200 };

const PENDING_KEY = 'search_merge_pending';

function applyMerging(db: Database.Database, settings: MergeSettings): void {
  // Integers in the SQL: FTS5 refuses a setting bound as a JavaScript number (a REAL).
  db.exec(`
    INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', ${Math.trunc(settings.automerge)});
    INSERT INTO messages_fts (messages_fts, rank) VALUES ('crisismerge', ${Math.trunc(settings.crisismerge)});
  `);
}

/** Called by an import before its first batch: merging is off until the merger thread has done it. */
export function deferSearchMerging(db: Database.Database): void {
  db.transaction(() => {
    applyMerging(db, DEFERRED_MERGING);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      PENDING_KEY,
      new Date().toISOString(),
    );
  }).immediate();
}

/** Called by the merger thread once nothing is left to merge. */
export function finishSearchMerging(db: Database.Database): void {
  db.transaction(() => {
    applyMerging(db, NORMAL_MERGING);
    db.prepare('DELETE FROM meta WHERE key = ?').run(PENDING_KEY);
  }).immediate();
}

export function searchMergePending(db: Database.Database): boolean {
  return db.prepare('SELECT 1 FROM meta WHERE key = ?').get(PENDING_KEY) !== undefined;
}

/**
 * The writer's handle on the merger thread. `start` runs it when a merge is
 * pending; `stop` lets it finish its step and end (the writer stops it before an
 * import, a restore or closing). Its failure costs speed, never data: the merge
 * stays pending and the next start tries again.
 */
export class SearchIndexMerger {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {}

  start(): void {
    if (this.worker || !this.db.open || !searchMergePending(this.db)) return;
    const worker = startWorker('searchMerger', { file: this.file } satisfies SearchMergerOptions);
    this.worker = worker;
    worker.on('error', () => {});
    this.exited = new Promise((resolve) =>
      worker.once('exit', () => {
        if (this.worker === worker) this.worker = null;
        resolve();
      }),
    );
  }

  /** Resolves once the thread has ended (at once when none runs). */
  async stop(): Promise<void> {
    this.worker?.postMessage('stop');
    await this.exited;
  }
}
