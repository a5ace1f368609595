// The first pass of an import writes every conversation, already in our shape,
// into a scratch database beside the store (never the store itself). Only a file
// read to its end without a problem is merged; anything else leaves the store untouched.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SEQ_PER_MS } from '../store/repositories/messages';
import type { ImportedConversation } from './formats/types';

const FLUSH_EVERY = 500;

export class Staging {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly insertConversation;
  private readonly insertMessage;
  private buffer: ImportedConversation[] = [];
  /** The next free counter per millisecond, so staged seqs never collide with each other. */
  private readonly perMs = new Map<number, number>();
  private ord = 0;
  conversations = 0;
  messages = 0;

  constructor(dir: string, jobId: string) {
    this.path = join(dir, `import-${jobId}.staging.sqlite`);
    rmSync(this.path, { force: true });
    this.db = new Database(this.path);
    // Scratch data: a crash simply means importing again.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE conversations (
        ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, shown_leaf_id TEXT, message_count INTEGER NOT NULL, extras TEXT,
        skip INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE messages (
        ord INTEGER PRIMARY KEY, conv_ord INTEGER NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, parent_id TEXT,
        role TEXT NOT NULL, content TEXT NOT NULL, status TEXT NOT NULL, model TEXT, created_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages (conv_ord);
    `);
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
  finish(): { conversations: number; messages: number } {
    this.flush();
    this.db.close();
    return { conversations: this.conversations, messages: this.messages };
  }

  discard(): void {
    if (this.db.open) this.db.close();
    rmSync(this.path, { force: true });
  }

  private flush(): void {
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
