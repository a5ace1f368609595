// The import's search index: segments built in the writer's scratch index and
// copied into the store's must be exactly what FTS5 would have written. FTS5's own
// integrity-check (rank 1: the index against every message's text) is the judge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { openDatabase } from '../worker/database';
import { createRepositories } from '../repositories';
import { MetaRepository } from '../repositories/meta';
import type { ImportedConversation } from './formats/types';
import { decodeStructure, encodeStructure, SPLICE_VERIFIED_SQLITE, sqliteVersion } from './fts-splice';
import { Merger } from './merge';
import { Staging } from './staging';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Conversation n of an export: a question and its answer; `source` tells two exports with the same times apart. */
function conversation(n: number, source = 0): ImportedConversation {
  const at = Date.UTC(2025, 0, 1) + n * 60_000;
  const id = (kind: number) => `${kind}${source}000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return {
    id: id(0),
    title: `Conversation ${n}`,
    createdAt: at,
    updatedAt: at,
    shownLeafId: null,
    messages: [
      { id: id(1), parentId: null, role: 'user', content: `question ${n} about zebras from source ${source}`, status: 'done', model: null, createdAt: at },
      {
        id: id(2),
        parentId: id(1),
        role: 'assistant',
        content: `answer ${n}: ${'striped '.repeat(n % 7)}café naïve résumé`,
        status: 'done',
        model: 'gpt-4o',
        createdAt: at + 1000,
      },
    ],
  };
}

function openStore() {
  const dir = mkdtempSync(join(tmpdir(), 'rmllm-splice-'));
  dirs.push(dir);
  const file = join(dir, 'store.db');
  const db = openDatabase(file);
  const identity = new MetaRepository(db).ensureIdentity();
  const repositories = createRepositories(db, file, identity.nodeId);
  const context = { db, repositories, file, spaceId: identity.personalSpaceId };
  /** Writes a message through the store's own path, so the writer's connection has used (and cached) its index. */
  const write = (content: string) => {
    const conversation = repositories.conversations.create({ id: uuidv7(), title: content, spaceId: identity.personalSpaceId });
    repositories.messages.insertMessage({
      id: uuidv7(), conversationId: conversation.id, parentId: null, role: 'user', content, status: 'done', providerId: null, model: null,
    });
  };
  const matches = (query: string) =>
    (db.prepare('SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH ?').get(query) as { n: number }).n;
  /** FTS5's integrity-check, with the index checked against the text of every message it indexes. */
  const check = () => db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)").run();
  return { dir, db, context, write, matches, check };
}

/**
 * Stages conversations from..to and merges them all, a batch at a time, as the
 * import does. With `parserIndexes` the parser indexes every commit it stages (as
 * it does while the writer is behind), else none. `verifiedSqlite` stands for the
 * SQLite versions the splice was verified on.
 */
function importRange(
  store: ReturnType<typeof openStore>,
  from: number,
  to: number,
  { source = 0, parserIndexes = false, verifiedSqlite = SPLICE_VERIFIED_SQLITE } = {},
) {
  const path = Staging.pathFor(store.dir, uuidv7());
  Staging.create(path);
  const staging = new Staging(path, () => {}, parserIndexes ? () => -1 : undefined);
  for (let n = from; n <= to; n++) staging.add(conversation(n, source));
  const totals = staging.finish();
  const merger = new Merger(store.context, path, { verifiedSqlite });
  let batches = 0;
  for (let range = merger.nextBatch(totals.ord, true); range; range = merger.nextBatch(totals.ord, true)) {
    merger.merge(range);
    batches += 1;
  }
  return { merger, batches, path };
}

describe('structure records', () => {
  it("decodes FTS5's own structure records and writes them back byte for byte", () => {
    const db = new Database(':memory:');
    try {
      db.exec("CREATE VIRTUAL TABLE t USING fts5(x, prefix = '3'); INSERT INTO t (t, rank) VALUES ('automerge', 2)");
      const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
      // One segment per transaction, merged into a second level as they pile up.
      for (let n = 0; n < 40; n++) db.transaction(() => insert.run(`word${n} `.repeat(200 + n * 50)))();
      const block = db.prepare('SELECT block FROM t_data WHERE id = 10').pluck().get() as Uint8Array;
      const structure = decodeStructure(block);
      expect(structure!.levels.length).toBeGreaterThan(1);
      expect(structure!.levels.flatMap((l) => l.segments).length).toBeGreaterThan(1);
      expect(Buffer.from(encodeStructure(structure!))).toEqual(Buffer.from(block));
      // Cut short, or with a byte too many, it is no structure this code reads.
      expect(decodeStructure(block.subarray(0, block.length - 2))).toBeNull();
      expect(decodeStructure(Buffer.concat([block, Buffer.from([0])]))).toBeNull();
    } finally {
      db.close();
    }
  });

  it('refuses a structure record of the kind it does not know (with tombstones, for contentless_delete)', () => {
    const db = new Database(':memory:');
    try {
      db.exec("CREATE VIRTUAL TABLE t USING fts5(x, content = '', contentless_delete = 1); INSERT INTO t (rowid, x) VALUES (1, 'a b c')");
      const block = db.prepare('SELECT block FROM t_data WHERE id = 10').pluck().get() as Uint8Array;
      expect(decodeStructure(block)).toBeNull();
    } finally {
      db.close();
    }
  });
});

describe('indexing an import in scratch and splicing it into the store', () => {
  it('indexes every batch exactly as FTS5 would, and the store goes on indexing new messages after it', () => {
    const store = openStore();
    try {
      store.write('before the import: zebras');
      expect(store.matches('zebras')).toBe(1);
      const { merger, batches } = importRange(store, 1, 12_000);
      merger.close();
      expect(batches).toBeGreaterThan(1);
      expect(merger.spliced).toBe(batches);
      store.check();
      expect(store.matches('zebras')).toBe(12_001);
      expect(store.matches('"answer 11999"')).toBe(1);
      expect(store.matches('caf*')).toBe(12_000);
      expect(store.matches('cafe')).toBe(12_000);
      // Written through the writer's own index after the splices: it must know of the spliced segments.
      store.write('after the import: zebras');
      store.write('after the import: okapis');
      store.check();
      expect(store.matches('zebras')).toBe(12_002);
      expect(store.matches('okapis')).toBe(1);
      // The index's totals (for ranking) count every row.
      expect(store.db.prepare('SELECT count(*) AS n FROM messages_fts_docsize').get()).toEqual({ n: 24_003 });
    } finally {
      store.db.close();
    }
  });

  it("splices the parser's segments when it indexed the batches", () => {
    const store = openStore();
    try {
      store.write('before the import: zebras');
      const { merger, batches } = importRange(store, 1, 12_000, { parserIndexes: true });
      merger.close();
      expect(batches).toBeGreaterThan(1);
      expect(merger.splicedFromParser).toBe(batches);
      store.check();
      expect(store.matches('zebras')).toBe(12_001);
      expect(store.matches('caf*')).toBe(12_000);
      store.write('after the import: okapis');
      store.check();
      expect(store.matches('okapis')).toBe(1);
      expect(store.db.prepare('SELECT count(*) AS n FROM messages_fts_docsize').get()).toEqual({ n: 24_002 });
    } finally {
      store.db.close();
    }
  });

  it('indexes messages under the seq they were moved to, and skips conversations already imported', () => {
    const store = openStore();
    try {
      importRange(store, 1, 300).merger.close();
      // Another export with the same times: every message's seq is taken and moves.
      const { merger } = importRange(store, 1, 300, { source: 1, parserIndexes: true });
      merger.close();
      // The parser indexed them under their staged seqs: the writer indexes them again.
      expect(merger.spliced).toBeGreaterThan(0);
      expect(merger.splicedFromParser).toBe(0);
      expect(merger.result).toEqual({ imported: 300, skipped: 0, messages: 600 });
      // The first export again: nothing new.
      const again = importRange(store, 1, 300, { parserIndexes: true });
      again.merger.close();
      expect(again.merger.result).toEqual({ imported: 0, skipped: 300, messages: 0 });
      store.check();
      expect(store.matches('source')).toBe(600);
      expect(store.matches('source AND 1')).toBe(300 + 1);
    } finally {
      store.db.close();
    }
  });

  it('removes the spliced entries when the import is rolled back', () => {
    const store = openStore();
    try {
      store.write('mine: zebras');
      const { merger } = importRange(store, 1, 12_000);
      expect(merger.spliced).toBeGreaterThan(1);
      merger.rollBack();
      merger.close();
      store.check();
      expect(store.matches('zebras')).toBe(1);
      expect(store.matches('answer')).toBe(0);
    } finally {
      store.db.close();
    }
  });

  it("lets the trigger index a batch when the store's index is due a crisis merge, as FTS5 would merge then", () => {
    const store = openStore();
    try {
      // A crisis merge at two segments on level 0: the first batch's segment is
      // spliced, the second batch goes through the trigger (and FTS5 merges).
      store.db.exec("INSERT INTO messages_fts (messages_fts, rank) VALUES ('crisismerge', 2)");
      const { merger, batches } = importRange(store, 1, 12_000);
      merger.close();
      expect(batches).toBe(2);
      expect(merger.spliced).toBe(1);
      store.check();
      expect(store.matches('zebras')).toBe(12_000);
    } finally {
      store.db.close();
    }
  });

  it("runs only on the SQLite versions it was verified on, and this is one (if not: see SPLICE_VERIFIED_SQLITE)", () => {
    const store = openStore();
    try {
      const version = sqliteVersion(store.db);
      expect(SPLICE_VERIFIED_SQLITE, `better-sqlite3 now bundles SQLite ${version}: verify the splice on it (SPLICE_VERIFIED_SQLITE says how)`).toContain(version);
    } finally {
      store.db.close();
    }
  });

  it('lets the trigger index every batch on a SQLite version the splice was not verified on, and the index is right', () => {
    const store = openStore();
    try {
      store.write('before the import: zebras');
      // As if better-sqlite3 had been upgraded: the version it bundles is not one the splice knows.
      const { merger, batches } = importRange(store, 1, 12_000, { parserIndexes: true, verifiedSqlite: ['3.0.0'] });
      merger.close();
      expect(batches).toBeGreaterThan(1);
      expect(merger.spliced).toBe(0);
      expect(merger.splicedFromParser).toBe(0);
      store.check();
      expect(store.matches('zebras')).toBe(12_001);
      expect(store.matches('"answer 11999"')).toBe(1);
      expect(store.matches('caf*')).toBe(12_000);
      store.write('after the import: okapis');
      store.check();
      expect(store.matches('okapis')).toBe(1);
      expect(store.db.prepare('SELECT count(*) AS n FROM messages_fts_docsize').get()).toEqual({ n: 24_002 });
    } finally {
      store.db.close();
    }
  });

  it('lets the trigger index every batch when the store indexes with other options than the scratch index', () => {
    const store = openStore();
    try {
      store.db.exec(`
        DROP TABLE messages_fts;
        CREATE VIRTUAL TABLE messages_fts USING fts5(content, content = 'messages', content_rowid = 'seq', tokenize = 'porter');
      `);
      const { merger } = importRange(store, 1, 500);
      merger.close();
      expect(merger.spliced).toBe(0);
      store.check();
      // Porter stems "zebras" to "zebra": only its own tokenizer finds that.
      expect(store.matches('zebra')).toBe(500);
    } finally {
      store.db.close();
    }
  });
});
