// An import's scratch database beside the store (never the store itself). The
// parser thread (parse-worker.ts) writes every conversation into it, already in
// our shape, as soon as it is read, and commits about a batch at a time; the
// store's writer reads each committed batch while the parser goes on (WAL lets
// both work at once) and merges it. While the writer is behind, the parser also
// indexes the batch for search (table `fts`), and the writer copies that index
// instead of building it (fts-splice.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ImportNote } from '../../../../src-shared/entities/transfer';
import { storeAttachmentBytes } from '../repositories/attachments';
import { SEQ_PER_MS } from '../repositories/messages';
import type { ImportedConversation } from './formats/types';
import { readStructure, readTotals, segmentIds, STAGING_INDEX_SQL, type IndexTotals } from './fts-splice';

/**
 * A commit once this many messages are written (about a batch the writer merges
 * in one transaction, and one segment of the search index when the parser indexes
 * it), or this many conversations; the first commit comes sooner, so the writer
 * can start merging while the parser reads on.
 */
const COMMIT_MESSAGES = 20_000;
const COMMIT_EVERY = 5_000;
const FIRST_COMMIT = 25;
/** 16 KB pages, as the store's: a quarter of the log's frames and system calls of SQLite's 4 KB. */
const PAGE_SIZE = 16_384;
/** Notes about what an import left out, kept for its summary; past this many, only counted. */
const MAX_NOTES = 50;

/** What the parser has committed to the staging database so far. */
export interface StagedTotals {
  /** The highest conversation number (`ord`) committed. */
  ord: number;
  conversations: number;
  messages: number;
}

export class Staging {
  private readonly db: Database.Database;
  private readonly insertConversation;
  private readonly insertMessage;
  private readonly insertAttachment;
  /** What was left out, for the summary (the first MAX_NOTES), and how many notes there were in all. */
  readonly notes: ImportNote[] = [];
  noteCount = 0;
  /** Conversations written since the last commit (a transaction is open while this is above 0). */
  private uncommitted = 0;
  private uncommittedMessages = 0;
  private commitEvery = FIRST_COMMIT;
  private readonly indexMessages;
  private readonly recordCommit;
  /** The last staged message, and the last one before the open transaction. */
  private messageOrd = 0;
  private committedMessageOrd = 0;
  /** The conversations up to the last commit, and up to the one before. */
  private committedOrd = 0;
  private previousCommittedOrd = 0;
  /** The search index's segments written by earlier commits, and its totals. */
  private readonly segments = new Set<number>();
  private indexed: IndexTotals = { rows: 0, tokens: 0 };
  /** The next free counter per millisecond, so staged seqs never collide with each other. */
  private readonly perMs = new Map<number, number>();
  private ord = 0;
  conversations = 0;
  messages = 0;

  static pathFor(dir: string, jobId: string): string {
    return join(dir, `import-${jobId}.staging.sqlite`);
  }

  /** Makes an empty staging database (the writer does this before the parser starts). */
  static create(path: string): void {
    Staging.remove(path);
    const db = new Database(path);
    try {
      // Staging a million messages took 15 s with these pages instead of 19.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      // Scratch data: a crash simply means importing again.
      db.pragma('journal_mode = WAL');
      db.exec(`
        CREATE TABLE conversations (
          ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL, shown_leaf_id TEXT, message_count INTEGER NOT NULL, extras TEXT
        );
        CREATE TABLE messages (
          ord INTEGER PRIMARY KEY, conv_ord INTEGER NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, parent_id TEXT,
          role TEXT NOT NULL, content TEXT NOT NULL, status TEXT NOT NULL, model TEXT, created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL, reasoning TEXT
        );
        CREATE INDEX messages_by_conversation ON messages (conv_ord);
        -- Files sent with messages: their bytes are already in the store's attachments folder.
        CREATE TABLE attachments (
          id TEXT PRIMARY KEY, conv_ord INTEGER NOT NULL, message_id TEXT NOT NULL, hash TEXT NOT NULL, mime TEXT NOT NULL,
          size INTEGER NOT NULL, file_name TEXT NOT NULL, created_at INTEGER NOT NULL
        );
        CREATE INDEX attachments_by_conversation ON attachments (conv_ord);
        -- One row per commit: the conversations up to hi_ord, the search index's
        -- segments the commit wrote if the parser indexed it (else null), and the
        -- index's totals so far.
        CREATE TABLE commits (
          hi_ord INTEGER PRIMARY KEY, segids TEXT, indexed_rows INTEGER NOT NULL, indexed_tokens INTEGER NOT NULL
        );
      `);
      db.exec(STAGING_INDEX_SQL);
    } finally {
      db.close();
    }
  }

  static remove(path: string): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }

  /**
   * Opens a staging database made by `create`; `onCommit` hears of every batch
   * committed. `writerOrd` tells how far the store's writer has merged: while it
   * is behind (it has not merged the commit before the last one: more than the
   * batch it is on), the parser indexes each commit for search too, so the index
   * work goes to whichever thread has time. (Indexing whenever the writer had not
   * merged the last commit made the parser the one behind: the writer waited 11 s.)
   */
  constructor(
    readonly path: string,
    private readonly onCommit: (totals: StagedTotals) => void = () => {},
    private readonly writerOrd: () => number = () => Number.MAX_SAFE_INTEGER,
    /** The store's attachments folder: imported files' bytes go there as they are read. */
    private readonly attachmentsDir: string | null = null,
  ) {
    this.db = new Database(path);
    this.db.pragma('synchronous = OFF');
    this.insertConversation = this.db.prepare(
      `INSERT OR IGNORE INTO conversations (ord, id, title, created_at, updated_at, shown_leaf_id, message_count, extras)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertMessage = this.db.prepare(
      `INSERT INTO messages (conv_ord, seq, id, parent_id, role, content, status, model, created_at, updated_at, reasoning)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAttachment = this.db.prepare(
      'INSERT OR IGNORE INTO attachments (id, conv_ord, message_id, hash, mime, size, file_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // The messages the store's trigger would index (all but streaming replies), in
    // seq order: FTS5 starts a new segment whenever a rowid is lower than the last.
    this.indexMessages = this.db.prepare(
      "INSERT INTO fts (rowid, content) SELECT seq, content FROM messages WHERE ord > ? AND status != 'streaming' ORDER BY seq",
    );
    this.recordCommit = this.db.prepare('INSERT INTO commits (hi_ord, segids, indexed_rows, indexed_tokens) VALUES (?, ?, ?, ?)');
  }

  /**
   * Writes a conversation at once. (Holding conversations in memory until the
   * commit made the parsed objects outlive V8's young generation, to be copied
   * by its collector.)
   */
  add(c: ImportedConversation): void {
    if (this.uncommitted === 0) this.db.exec('BEGIN');
    this.uncommitted += 1;
    const ord = ++this.ord;
    const added = this.insertConversation.run(
      ord, c.id, c.title, c.createdAt, c.updatedAt, c.shownLeafId, c.messages.length, c.extras ? JSON.stringify(c.extras) : null,
    );
    // The same conversation twice in one file is imported once.
    if (added.changes > 0) {
      this.conversations += 1;
      for (const m of c.messages) {
        const row = this.insertMessage.run(
          ord, this.seqFor(m.createdAt), m.id, m.parentId, m.role, m.content, m.status, m.model, m.createdAt, m.updatedAt ?? m.createdAt, m.reasoning ?? null,
        );
        this.messageOrd = Number(row.lastInsertRowid);
        for (const file of m.attachments ?? []) this.addAttachment(ord, m.id, m.createdAt, file);
      }
      for (const note of c.notes ?? []) {
        this.noteCount += 1;
        if (this.notes.length < MAX_NOTES) this.notes.push(note);
      }
      this.messages += c.messages.length;
      this.uncommittedMessages += c.messages.length;
    }
    if (this.uncommitted >= this.commitEvery || this.uncommittedMessages >= COMMIT_MESSAGES) this.commit();
  }

  private addAttachment(ord: number, messageId: string, createdAt: number, file: { id: string; fileName: string; mime: string; text: string }): void {
    if (this.attachmentsDir === null) throw new Error('This staging database was opened without the attachments folder.');
    const { hash, size } = storeAttachmentBytes(this.attachmentsDir, Buffer.from(file.text, 'utf8'));
    this.insertAttachment.run(file.id, ord, messageId, hash, file.mime, size, file.fileName, createdAt);
  }

  /** Commits what is written; returns the totals staged. */
  finish(): StagedTotals {
    this.commit();
    this.db.close();
    return this.totals();
  }

  /** Closes the database; what is not committed is dropped. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  private totals(): StagedTotals {
    return { ord: this.ord, conversations: this.conversations, messages: this.messages };
  }

  private commit(): void {
    if (this.uncommitted === 0) return;
    const index = this.writerOrd() < this.previousCommittedOrd;
    if (index) this.indexMessages.run(this.committedMessageOrd);
    this.db.exec('COMMIT');
    this.uncommitted = 0;
    this.uncommittedMessages = 0;
    this.commitEvery = COMMIT_EVERY;
    this.previousCommittedOrd = this.committedOrd;
    this.committedOrd = this.ord;
    this.committedMessageOrd = this.messageOrd;
    // FTS5 writes the commit's segment as the transaction commits: its segids are
    // known only now, and the writer hears of the commit once they are recorded.
    let segids: number[] | null = null;
    if (index) {
      const structure = readStructure(this.db, 'main.fts');
      segids = structure ? segmentIds(structure).filter((segid) => !this.segments.has(segid)) : null;
      for (const segid of segids ?? []) this.segments.add(segid);
      this.indexed = readTotals(this.db, 'main.fts');
    }
    this.recordCommit.run(this.ord, segids && JSON.stringify(segids), this.indexed.rows, this.indexed.tokens);
    this.onCommit(this.totals());
  }

  private seqFor(createdAt: number): number {
    // Past SEQ_PER_MS messages in one millisecond, borrow the next millisecond's range.
    let ms = Math.max(0, Math.floor(createdAt));
    while ((this.perMs.get(ms) ?? 0) >= SEQ_PER_MS) ms += 1;
    const counter = this.perMs.get(ms) ?? 0;
    this.perMs.set(ms, counter + 1);
    return ms * SEQ_PER_MS + counter;
  }
}
