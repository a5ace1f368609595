// The writer's side of an import: conversations the parser has staged are copied
// into the store by SQL (no per-message JavaScript), about BATCH_MESSAGES messages
// per transaction, with their outbox changes. Each batch's search index is built
// in bulk, by the parser as it staged the batch (while the writer was behind) or
// else here, in one statement into a scratch index in memory, and its segments
// copied into the store's index in the same transaction (fts-splice.ts); when
// the store's index cannot take them, its trigger indexes each message as it is
// inserted. Batches are merged while the parser is still reading the file.
// A conversation already in the store (same id: the same source conversation) is
// skipped, so importing a file again adds nothing. If the import fails or is
// cancelled, `rollBack` removes what this import added, newest batch first.
import type Database from 'better-sqlite3';
import { uuidv7 } from '../../../../src-shared/ids';
import { CONVERSATION_MESSAGES } from '../repositories/outbox';
import type { JobContext } from '../worker/job-context';
import {
  clearScratch,
  flushScratch,
  forgetCachedStructure,
  openScratchIndex,
  roomForSegments,
  spliceScratch,
  spliceSegments,
  SPLICE_VERIFIED_SQLITE,
  storeIndexSpliceable,
  type SegmentSource,
} from './fts-splice';

/** Messages per transaction: large enough to be fast, small enough not to hold the writer long. */
const BATCH_MESSAGES = 20_000;

/**
 * Outbox ids made in SQL, shaped like UUIDv7 and increasing: the batch's own
 * UUIDv7 prefix, then the staged conversation's number (an attachment's: its
 * staged row's), with `kind` keeping conversation, messages and attachments
 * changes apart, so the outbox's id index is appended to.
 */
const outboxId = (ord: string, kind: 8 | 9 | 10) => `@idPrefix || printf('-%04x-%012x', ${kind * 4096}, ${ord})`;

export interface MergeResult {
  imported: number;
  skipped: number;
  messages: number;
}

/** A merged batch: its conversations are in temp.import_added under `batch`; its outbox rows are seqs from..to. */
interface Merged {
  batch: number;
  imported: number;
  messages: number;
  outboxFrom: number;
  outboxTo: number;
}

/** A row of staging.commits (staging.ts). */
interface CommitRow {
  hi_ord: number;
  segids: string | null;
  indexed_rows: number;
  indexed_tokens: number;
}

export class Merger {
  readonly result: MergeResult = { imported: 0, skipped: 0, messages: 0 };
  /** The highest staged conversation number merged so far. */
  private mergedOrd = 0;
  private readonly merged: Merged[] = [];
  private closed = false;
  private readonly statements;
  /** The store's trigger that indexes each new message (dropped while a batch is inserted); null when the index does not take spliced segments. */
  private readonly indexTrigger: string | null = null;
  private readonly indexBatch: Database.Statement | null = null;
  private readonly dropTrigger: Database.Statement | null = null;
  /** Batches whose index segments were spliced (the rest went through the trigger), and of those, the ones the parser indexed. */
  spliced = 0;
  splicedFromParser = 0;

  /** `verifiedSqlite`: the SQLite versions the index splice may run on (tests name others; see SPLICE_VERIFIED_SQLITE). */
  constructor(
    private readonly context: JobContext,
    stagingPath: string,
    { verifiedSqlite = SPLICE_VERIFIED_SQLITE }: { verifiedSqlite?: readonly string[] } = {},
  ) {
    const { db } = context;
    db.prepare('ATTACH DATABASE ? AS staging').run(stagingPath);
    // This import's bookkeeping, in this connection's temp schema: the staged
    // conversations skipped (already in the store), staged messages given another
    // seq (their time slot was taken), and the conversations it added.
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS import_skipped (ord INTEGER PRIMARY KEY);
      CREATE TEMP TABLE IF NOT EXISTS import_moved (ord INTEGER PRIMARY KEY, seq INTEGER NOT NULL UNIQUE);
      CREATE TEMP TABLE IF NOT EXISTS import_added (id TEXT PRIMARY KEY, batch INTEGER NOT NULL);
      DELETE FROM temp.import_skipped; DELETE FROM temp.import_moved; DELETE FROM temp.import_added;
    `);
    const inBatch = 's.ord BETWEEN @lo AND @hi AND s.ord NOT IN (SELECT ord FROM temp.import_skipped)';
    const seq = 'COALESCE((SELECT mv.seq FROM temp.import_moved mv WHERE mv.ord = sm.ord), sm.seq)';
    this.statements = {
      counts: db.prepare('SELECT ord, message_count FROM staging.conversations WHERE ord > ? AND ord <= ? ORDER BY ord'),
      markSkipped: db.prepare(
        `INSERT INTO temp.import_skipped (ord) SELECT s.ord FROM staging.conversations s WHERE s.ord BETWEEN @lo AND @hi AND (
           EXISTS (SELECT 1 FROM main.conversations c WHERE c.id = s.id)
           OR EXISTS (SELECT 1 FROM staging.messages sm JOIN main.messages m ON m.id = sm.id WHERE sm.conv_ord = s.ord))`,
      ),
      seqClashes: db.prepare(
        `SELECT sm.ord, sm.seq FROM staging.messages sm JOIN main.messages m ON m.seq = sm.seq WHERE sm.conv_ord BETWEEN @lo AND @hi`,
      ),
      seqTaken: db.prepare(
        `SELECT 1 FROM main.messages WHERE seq = @seq UNION ALL SELECT 1 FROM staging.messages WHERE seq = @seq
         UNION ALL SELECT 1 FROM temp.import_moved WHERE seq = @seq`,
      ),
      moveSeq: db.prepare('INSERT INTO temp.import_moved (ord, seq) VALUES (?, ?)'),
      outboxSeq: db.prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0) AS seq").pluck(),
      insertConversations: db.prepare(
        `INSERT INTO main.conversations (id, space_id, title, created_at, updated_at, shown_leaf_id, hlc)
         SELECT id, @space, title, created_at, updated_at, shown_leaf_id, @hlc FROM staging.conversations s WHERE ${inBatch} ORDER BY s.ord`,
      ),
      recordAdded: db.prepare(`INSERT INTO temp.import_added (id, batch) SELECT id, @batch FROM staging.conversations s WHERE ${inBatch}`),
      conversationChanges: db.prepare(
        `INSERT INTO main.outbox (id, space_id, table_name, row_id, fields, hlc, deleted)
         SELECT ${outboxId('s.ord', 10)}, @space, 'conversations', id,
           json_object('title', title, 'created_at', created_at, 'updated_at', updated_at, 'shown_leaf_id', shown_leaf_id), @hlc, 0
         FROM staging.conversations s WHERE ${inBatch} ORDER BY s.ord`,
      ),
      // In time order: FTS5 starts a new index segment whenever a rowid is lower than
      // the last one, so conversation order would make thousands of tiny segments.
      insertMessages: db.prepare(
        `INSERT INTO main.messages (seq, id, space_id, conversation_id, parent_id, role, content, status, model, reasoning, created_at, updated_at, hlc)
         SELECT ${seq} AS new_seq, sm.id, @space, s.id, sm.parent_id, sm.role, sm.content, sm.status, sm.model, sm.reasoning, sm.created_at,
           sm.updated_at, @hlc
         FROM staging.conversations s JOIN staging.messages sm ON sm.conv_ord = s.ord WHERE ${inBatch} ORDER BY new_seq`,
      ),
      // One change per conversation stands for all its messages (see CONVERSATION_MESSAGES).
      messageChanges: db.prepare(
        `INSERT INTO main.outbox (id, space_id, table_name, row_id, fields, hlc, deleted)
         SELECT ${outboxId('s.ord', 8)}, @space, 'messages', id, '${CONVERSATION_MESSAGES}', @hlc, 0
         FROM staging.conversations s WHERE ${inBatch} ORDER BY s.ord`,
      ),
      // Files sent with the messages (their bytes are already in place), each with its change.
      insertAttachments: db.prepare(
        `INSERT INTO main.attachments (id, space_id, message_id, hash, mime, size, file_name, created_at, hlc)
         SELECT sa.id, @space, sa.message_id, sa.hash, sa.mime, sa.size, sa.file_name, sa.created_at, @hlc
         FROM staging.conversations s JOIN staging.attachments sa ON sa.conv_ord = s.ord WHERE ${inBatch} ORDER BY sa.id`,
      ),
      attachmentChanges: db.prepare(
        `INSERT INTO main.outbox (id, space_id, table_name, row_id, fields, hlc, deleted)
         SELECT ${outboxId('sa.rowid', 9)}, @space, 'attachments', sa.id,
           json_object('message_id', sa.message_id, 'hash', sa.hash, 'mime', sa.mime, 'size', sa.size, 'file_name', sa.file_name,
             'created_at', sa.created_at), @hlc, 0
         FROM staging.conversations s JOIN staging.attachments sa ON sa.conv_ord = s.ord WHERE ${inBatch} ORDER BY sa.id`,
      ),
      withExtras: db.prepare(`SELECT id, extras FROM staging.conversations s WHERE extras IS NOT NULL AND ${inBatch}`),
      commits: db.prepare('SELECT hi_ord, segids, indexed_rows, indexed_tokens FROM staging.commits WHERE hi_ord BETWEEN ? AND ? ORDER BY hi_ord'),
    };
    const trigger = db.prepare("SELECT sql FROM main.sqlite_schema WHERE type = 'trigger' AND name = 'messages_fts_insert'").pluck().get();
    if (typeof trigger === 'string' && storeIndexSpliceable(db, verifiedSqlite) && openScratchIndex(db)) {
      this.indexTrigger = trigger;
      this.dropTrigger = db.prepare('DROP TRIGGER main.messages_fts_insert');
      // The batch's messages the trigger would index (all but streaming replies;
      // imports have none), under the seqs insertMessages gives them, in seq order.
      this.indexBatch = db.prepare(
        `INSERT INTO scratch.fts (rowid, content) SELECT ${seq} AS new_seq, sm.content
         FROM staging.conversations s JOIN staging.messages sm ON sm.conv_ord = s.ord
         WHERE ${inBatch} AND sm.status != 'streaming' ORDER BY new_seq`,
      );
    }
  }

  /**
   * The next range of staged conversations to merge: about BATCH_MESSAGES
   * messages, or whatever is left once the parser is done (`final`); null when
   * too little is staged yet. The first batch is whatever is staged, so the
   * writer starts at the parser's first commit instead of idling until it has
   * staged a full batch.
   */
  nextBatch(stagedOrd: number, final: boolean): { lo: number; hi: number } | null {
    const counts = this.statements.counts.all(this.mergedOrd, stagedOrd) as { ord: number; message_count: number }[];
    // Batches end where the parser committed, and hold only commits it indexed for
    // search or only commits it did not, so that a batch is a set of its index segments or none.
    const commits = new Map(
      (this.statements.commits.all(this.mergedOrd + 1, stagedOrd) as CommitRow[]).map((row) => [row.hi_ord, row.segids !== null]),
    );
    const lo = this.mergedOrd + 1;
    let size = 0;
    let indexed: boolean | undefined;
    let end = 0;
    for (const row of counts) {
      size += row.message_count;
      const kind = commits.get(row.ord);
      if (kind === undefined) continue;
      if (indexed !== undefined && kind !== indexed) return { lo, hi: end };
      indexed = kind;
      end = row.ord;
      if (size >= BATCH_MESSAGES) return { lo, hi: end };
    }
    const first = this.merged.length === 0;
    return (final || first) && stagedOrd > this.mergedOrd ? { lo: this.mergedOrd + 1, hi: stagedOrd } : null;
  }

  /** Merges one range in one transaction. */
  merge(range: { lo: number; hi: number }): void {
    const { db } = this.context;
    // Staging guarantees what the foreign keys check (each message's conversation and
    // parent are in the same batch), and checking a million of them is seconds of work.
    db.pragma('foreign_keys = OFF');
    try {
      // Deferred, not IMMEDIATE: BEGIN IMMEDIATE takes the write lock of every
      // attached database, staging included, and the parser would then wait for
      // each batch's commit before it could stage the next (measured: the parser
      // took 32 s of a 1M-message import instead of 15 s). This connection is the
      // store's only writer, so taking main's lock at the first write cannot fail.
      const spliced = db.transaction(() => this.mergeRange(range))();
      if (spliced) forgetCachedStructure(db);
    } finally {
      db.pragma('foreign_keys = ON');
    }
    this.mergedOrd = range.hi;
  }

  /**
   * Indexes a range's messages in the scratch index; true if the store's index
   * takes its segments now (else they are dropped, and the trigger indexes).
   */
  private indexInScratch(lo: number, hi: number): boolean {
    const { db } = this.context;
    this.indexBatch!.run({ lo, hi });
    if (roomForSegments(db, flushScratch(db))) return true;
    clearScratch(db);
    return false;
  }

  /** The parser's index segments for a range, if it indexed every commit in it; null otherwise (or if the store's index takes none now). */
  private stagedSegments(lo: number, hi: number): SegmentSource | null {
    if (this.indexTrigger === null) return null;
    const rows = this.statements.commits.all(lo - 1, hi) as CommitRow[];
    const before = lo === 1 ? { hi_ord: 0, indexed_rows: 0, indexed_tokens: 0 } : rows.shift();
    if (before?.hi_ord !== lo - 1 || rows.at(-1)?.hi_ord !== hi) return null;
    const segids: number[] = [];
    for (const row of rows) {
      if (row.segids === null) return null;
      segids.push(...(JSON.parse(row.segids) as number[]));
    }
    if (!roomForSegments(this.context.db, segids.length)) return null;
    const last = rows.at(-1)!;
    return {
      table: 'staging.fts',
      segids,
      rows: { sql: 'SELECT seq FROM staging.messages WHERE conv_ord BETWEEN @lo AND @hi', params: { lo, hi } },
      totals: { rows: last.indexed_rows - before.indexed_rows, tokens: last.indexed_tokens - before.indexed_tokens },
    };
  }

  /** Merges a range; true when its index segments were spliced. */
  private mergeRange({ lo, hi }: { lo: number; hi: number }): boolean {
    const s = this.statements;
    const { db, repositories, spaceId } = this.context;
    const skipped = s.markSkipped.run({ lo, hi }).changes;
    const clashes = s.seqClashes.all({ lo, hi }) as { ord: number; seq: number }[];
    for (const clash of clashes) {
      let seq = clash.seq + 1;
      while (s.seqTaken.get({ seq })) seq += 1;
      s.moveSeq.run(clash.ord, seq);
    }
    // The parser's segments if it indexed the batch under the seqs its messages keep,
    // else the batch indexed here.
    const staged = skipped === 0 && clashes.length === 0 ? this.stagedSegments(lo, hi) : null;
    const splice: SegmentSource | 'scratch' | null = staged ?? (this.indexBatch !== null && this.indexInScratch(lo, hi) ? 'scratch' : null);
    const batch = this.merged.length;
    const params = { lo, hi, space: spaceId, hlc: repositories.outbox.stamp(), idPrefix: uuidv7().slice(0, 18) };
    const outboxFrom = (s.outboxSeq.get() as number) + 1;
    const imported = s.insertConversations.run(params).changes;
    s.recordAdded.run({ lo, hi, batch });
    s.conversationChanges.run(params);
    if (splice) this.dropTrigger!.run();
    const messages = s.insertMessages.run(params).changes;
    if (splice) {
      db.exec(this.indexTrigger!);
      db.unsafeMode(true);
      try {
        if (splice === 'scratch') spliceScratch(db);
        else {
          spliceSegments(db, splice);
          this.splicedFromParser += 1;
        }
      } finally {
        db.unsafeMode(false);
      }
      this.spliced += 1;
    }
    s.messageChanges.run(params);
    s.insertAttachments.run(params);
    s.attachmentChanges.run(params);
    for (const row of s.withExtras.all({ lo, hi }) as { id: string; extras: string }[]) {
      const extras = JSON.parse(row.extras) as { pinned?: boolean; archived?: boolean; tags?: string[] };
      repositories.conversations.update(row.id, extras);
    }
    this.merged.push({ batch, imported, messages, outboxFrom, outboxTo: s.outboxSeq.get() as number });
    this.result.imported += imported;
    this.result.messages += messages;
    this.result.skipped += skipped;
    return splice !== null;
  }

  /** Removes everything this import added (never synced: its outbox rows go too), newest batch first. */
  rollBack(): void {
    const { db } = this.context;
    const added = '(SELECT id FROM temp.import_added WHERE batch = @batch)';
    const statements = [
      // Tags this import created (their outbox rows are in the batch's range).
      `DELETE FROM main.tags WHERE id IN (SELECT row_id FROM main.outbox WHERE seq BETWEEN @from AND @to AND table_name = 'tags')`,
      `DELETE FROM main.outbox WHERE seq BETWEEN @from AND @to`,
      `DELETE FROM main.conversation_tags WHERE conversation_id IN ${added}`,
      `DELETE FROM main.attachments WHERE message_id IN (SELECT id FROM main.messages WHERE conversation_id IN ${added})`,
      `DELETE FROM main.messages WHERE conversation_id IN ${added}`,
      `DELETE FROM main.conversations WHERE id IN ${added}`,
    ].map((sql) => db.prepare(sql));
    const undo = db.transaction((merged: Merged) => {
      for (const statement of statements) statement.run({ batch: merged.batch, from: merged.outboxFrom, to: merged.outboxTo });
    });
    for (let last = this.merged.at(-1); last; last = this.merged.at(-1)) {
      undo.immediate(last);
      this.merged.pop();
      this.result.imported -= last.imported;
      this.result.messages -= last.messages;
      // Copy the undone batch into the file, so that the next one's undo starts the
      // log over instead of growing it (on a full disk there may be no room to grow).
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // The next undo then grows the log, as it would have anyway.
      }
    }
    // Give back the room the log took for the undone batches. On a full disk this
    // can fail (the database file may need to grow first); the rows are undone all
    // the same, and a later checkpoint, once there is room, does it.
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // See above.
    }
  }

  /** Detaches the staging database (once; later calls do nothing). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.context.db.prepare('DETACH DATABASE staging').run();
    if (this.indexTrigger !== null) this.context.db.prepare('DETACH DATABASE scratch').run();
  }
}
