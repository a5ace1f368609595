// The writer's merge and the parser's staging must not wait for each other: the
// parser stages the next batch while the writer merges the last one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../worker/database';
import { createRepositories } from '../repositories';
import { MetaRepository } from '../repositories/meta';
import type { ImportedConversation } from './formats/types';
import { Merger } from './merge';
import { Staging } from './staging';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rmllm-merge-'));
  dirs.push(dir);
  return dir;
}

/** An empty staging database in `dir`. */
function newStaging(dir: string): string {
  const path = Staging.pathFor(dir, 'job');
  Staging.create(path);
  return path;
}

function newMerger(db: Database.Database, file: string, stagingPath: string): Merger {
  const identity = new MetaRepository(db).ensureIdentity();
  return new Merger({ db, repositories: createRepositories(db, file, identity.nodeId), file, spaceId: identity.personalSpaceId }, stagingPath);
}

const messageId = (n: number, m: number) => `10000000-0000-7000-${8000 + m}-${String(n).padStart(12, '0')}`;

/** Conversation n, with `count` messages (each the parent of the next). */
function conversation(n: number, count = 1): ImportedConversation {
  const at = Date.UTC(2025, 0, 1) + n * 60_000;
  return {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    title: `Conversation ${n}`,
    createdAt: at,
    updatedAt: at,
    shownLeafId: null,
    messages: Array.from({ length: count }, (_, m) => ({
      id: messageId(n, m),
      parentId: m === 0 ? null : messageId(n, m - 1),
      role: m % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `question ${n}`,
      status: 'done' as const,
      model: null,
      createdAt: at + m,
    })),
  };
}

describe('merging a staged import', () => {
  it('leaves the staging database writable while a batch is merged, so the parser never waits for the writer', () => {
    const dir = tempDir();
    const file = join(dir, 'store.db');
    const db = openDatabase(file);
    const stagingPath = newStaging(dir);
    const staging = new Staging(stagingPath);
    staging.add(conversation(1));
    staging.add(conversation(2));
    const totals = staging.finish();
    // The parser's connection, as it would stage the next batch: with no waiting allowed.
    const parser = new Database(stagingPath, { timeout: 0 });
    try {
      const merger = newMerger(db, file, stagingPath);
      // Called by a trigger in the middle of the merge's transaction, after it has written to the store.
      const attempts: string[] = [];
      db.function('parser_stages_now', () => {
        try {
          parser.prepare(`INSERT INTO conversations (id, title, created_at, updated_at, message_count) VALUES ('next-${attempts.length}', 'next', 0, 0, 0)`).run();
          attempts.push('staged');
        } catch (error) {
          attempts.push((error as { code?: string }).code ?? String(error));
        }
        return null;
      });
      db.exec('CREATE TEMP TRIGGER probe AFTER INSERT ON main.messages BEGIN SELECT parser_stages_now(); END');

      merger.merge(merger.nextBatch(totals.ord, true)!);
      merger.close();

      expect(attempts).toEqual(['staged', 'staged']);
      expect(merger.result).toEqual({ imported: 2, skipped: 0, messages: 2 });
      expect(parser.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 4 });
    } finally {
      parser.close();
      db.close();
    }
  });

  it('undoes the attachments it added, with their outbox changes, when the import is rolled back', () => {
    const dir = tempDir();
    const file = join(dir, 'store.db');
    const db = openDatabase(file);
    const stagingPath = newStaging(dir);
    const staging = new Staging(stagingPath, () => {}, undefined, join(dir, 'attachments'));
    const withFile = conversation(1);
    withFile.messages[0]!.attachments = [{ id: messageId(1, 9), fileName: 'notes.txt', mime: 'text/plain', text: 'kept' }];
    staging.add(withFile);
    const totals = staging.finish();
    try {
      const merger = newMerger(db, file, stagingPath);
      merger.merge(merger.nextBatch(totals.ord, true)!);
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM attachments')).toBe(1);
      expect(count("SELECT count(*) AS n FROM outbox WHERE table_name = 'attachments'")).toBe(1);
      merger.rollBack();
      merger.close();
      expect(count('SELECT count(*) AS n FROM attachments')).toBe(0);
      expect(count('SELECT count(*) AS n FROM outbox')).toBe(0);
      expect(count('SELECT count(*) AS n FROM messages')).toBe(0);
    } finally {
      db.close();
    }
  });

  it('starts the writer at the first commit: the first batch is whatever is staged, later ones wait for a full batch', () => {
    const dir = tempDir();
    const file = join(dir, 'store.db');
    const db = openDatabase(file);
    const stagingPath = newStaging(dir);
    const staging = new Staging(stagingPath);
    for (let n = 1; n <= 3; n++) staging.add(conversation(n));
    staging.finish();
    try {
      const merger = newMerger(db, file, stagingPath);
      // As if the parser had committed two conversations and were still reading.
      const first = merger.nextBatch(2, false);
      expect(first).toEqual({ lo: 1, hi: 2 });
      merger.merge(first!);
      expect(merger.nextBatch(3, false)).toBeNull();
      expect(merger.nextBatch(3, true)).toEqual({ lo: 3, hi: 3 });
      merger.close();
    } finally {
      db.close();
    }
  });
});

describe('staging an import', () => {
  it('commits its first 25 conversations at once, then every 5,000 conversations or 20,000 messages, in 16 KB pages', () => {
    const stagingPath = newStaging(tempDir());
    const commits: number[] = [];
    const staging = new Staging(stagingPath, (totals) => commits.push(totals.ord));
    // The writer's view: only what the parser has committed.
    const writer = new Database(stagingPath, { readonly: true });
    const visible = () => (writer.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number }).n;
    try {
      for (let n = 1; n <= 30; n++) staging.add(conversation(n));
      expect(commits).toEqual([25]);
      expect(visible()).toBe(25);
      for (let n = 31; n <= 5100; n++) staging.add(conversation(n));
      expect(commits).toEqual([25, 5025]);
      expect(visible()).toBe(5025);
      // Long conversations: 20,000 messages come long before 5,000 conversations
      // (75 short ones and 200 of 100 messages).
      for (let n = 5101; n <= 5400; n++) staging.add(conversation(n, 100));
      expect(commits).toEqual([25, 5025, 5300]);
      expect(staging.finish()).toEqual({ ord: 5400, conversations: 5400, messages: 5100 + 300 * 100 });
      expect(commits).toEqual([25, 5025, 5300, 5400]);
      expect(visible()).toBe(5400);
      expect(writer.pragma('page_size', { simple: true })).toBe(16_384);
    } finally {
      writer.close();
      staging.close();
    }
  });

  it('indexes a commit for search while the writer is two commits behind, and records its segments', () => {
    const stagingPath = newStaging(tempDir());
    let writerOrd = 0;
    const staging = new Staging(stagingPath, () => {}, () => writerOrd);
    const reader = new Database(stagingPath, { readonly: true });
    const commits = () => reader.prepare('SELECT hi_ord, segids, indexed_rows FROM commits ORDER BY hi_ord').all();
    try {
      // The first two commits: the writer can be merging the one before, no more.
      for (let n = 1; n <= 5025; n++) staging.add(conversation(n));
      // The third: the writer has not merged the first yet, so the parser indexes this one.
      for (let n = 5026; n <= 10_025; n++) staging.add(conversation(n));
      // The fourth: the writer is on the third, as it should be.
      writerOrd = 5025;
      for (let n = 10_026; n <= 10_100; n++) staging.add(conversation(n));
      staging.finish();
      expect(commits()).toEqual([
        { hi_ord: 25, segids: null, indexed_rows: 0 },
        { hi_ord: 5025, segids: null, indexed_rows: 0 },
        { hi_ord: 10_025, segids: '[1]', indexed_rows: 5000 },
        { hi_ord: 10_100, segids: null, indexed_rows: 5000 },
      ]);
      expect(reader.prepare("SELECT count(*) AS n FROM fts WHERE fts MATCH 'question'").get()).toEqual({ n: 5000 });
    } finally {
      reader.close();
      staging.close();
    }
  });

  it('drops what is not committed when the parser stops part-way', () => {
    const stagingPath = newStaging(tempDir());
    const staging = new Staging(stagingPath);
    for (let n = 1; n <= 40; n++) staging.add(conversation(n));
    staging.close();
    const reader = new Database(stagingPath, { readonly: true });
    try {
      expect(reader.prepare('SELECT count(*) AS n, max(ord) AS last FROM conversations').get()).toEqual({ n: 25, last: 25 });
      expect(reader.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 25 });
    } finally {
      reader.close();
    }
  });
});
