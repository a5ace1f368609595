// An import's scratch database beside the store (never the store itself). The
// parser thread (parse-worker.ts) writes every conversation into it, already in
// our shape, a few hundred at a time; the store's writer reads each committed
// batch while the parser goes on (WAL lets both work at once) and merges it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SEQ_PER_MS } from '../store/repositories/messages';
import type { ImportedConversation } from './formats/types';

const FLUSH_EVERY = 500;

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
  private buffer: ImportedConversation[] = [];
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
      // Scratch data: a crash simply means importing again.
      db.pragma('journal_mode = WAL');
      db.exec(`
        CREATE TABLE conversations (
          ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL, shown_leaf_id TEXT, message_count INTEGER NOT NULL, extras TEXT
        );
        CREATE TABLE messages (
          ord INTEGER PRIMARY KEY, conv_ord INTEGER NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, parent_id TEXT,
          role TEXT NOT NULL, content TEXT NOT NULL, status TEXT NOT NULL, model TEXT, created_at INTEGER NOT NULL
        );
        CREATE INDEX messages_by_conversation ON messages (conv_ord);
      `);
    } finally {
      db.close();
    }
  }

  static remove(path: string): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  }

  /** Opens a staging database made by `create`; `onCommit` hears of every batch committed. */
  constructor(
    readonly path: string,
    private readonly onCommit: (totals: StagedTotals) => void = () => {},
  ) {
    this.db = new Database(path);
    this.db.pragma('synchronous = OFF');
    this.insertConversation = this.db.prepare(
      `INSERT OR IGNORE INTO conversations (ord, id, title, created_at, updated_at, shown_leaf_id, message_count, extras)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertMessage = this.db.prepare(
      'INSERT INTO messages (conv_ord, seq, id, parent_id, role, content, status, model, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  add(conversation: ImportedConversation): void {
    this.buffer.push(conversation);
    if (this.buffer.length >= FLUSH_EVERY) this.flush();
  }

  /** Writes what is buffered; returns the totals staged. */
  finish(): StagedTotals {
    this.flush();
    this.db.close();
    return this.totals();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private totals(): StagedTotals {
    return { ord: this.ord, conversations: this.conversations, messages: this.messages };
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.db.transaction(() => {
      for (const c of batch) {
        const ord = ++this.ord;
        const added = this.insertConversation.run(
          ord, c.id, c.title, c.createdAt, c.updatedAt, c.shownLeafId, c.messages.length, c.extras ? JSON.stringify(c.extras) : null,
        );
        // The same conversation twice in one file is imported once.
        if (added.changes === 0) continue;
        this.conversations += 1;
        for (const m of c.messages) {
          this.insertMessage.run(ord, this.seqFor(m.createdAt), m.id, m.parentId, m.role, m.content, m.status, m.model, m.createdAt);
        }
        this.messages += c.messages.length;
      }
    })();
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
