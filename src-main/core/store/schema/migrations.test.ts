import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { LocalStore } from '../interfaces';
import { latestVersion, migrate, type Migration, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations';
import { openStore } from '../index';
import { useTempStores, userMessage } from '../testing';

const stores = useTempStores();
const LATEST = latestVersion();

const CONVERSATION = '01890a5d-ac96-774b-bcce-b302099a8057';
const REPLY = '01890a5d-ac97-7000-8000-000000000001';
const HLC = '2023-06-30T10:00:00.000Z-0000-00000000000000aa';
const T2 = 1_700_000_000_000;
const FOLDER = '01890a5d-ac97-7000-8000-0000000000f0';
const PERSONA = '01890a5d-ac97-7000-8000-0000000000a0';
const USAGE = '01890a5d-ac97-7000-8000-0000000000b0';
const ANSWER = '01890a5d-ac97-7000-8000-000000000002';
const GOAL = '01890a5d-ac97-7000-8000-0000000000c0';

/**
 * A database as each schema version left it, with rows in it, written in that
 * version's SQL. Adding migration N means adding an entry for N here.
 */
const MADE_BY: Record<number, { build(db: Database.Database, file: string): void; check(store: LocalStore): Promise<void> }> = {
  0: {
    build: () => {},
    check: async (store) => expect(await store.listConversations(10)).toEqual([]),
  },
  1: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 1));
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('node_id', '00000000000000aa');
      db.prepare('INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, ?, ?, ?, ?, ?)').run(
        CONVERSATION, 'space', 'from version 1', 1_688_119_200_000, 1_688_119_200_000, HLC,
      );
      db.prepare(
        `INSERT INTO messages (id, space_id, conversation_id, parent_id, role, content, status, created_at, updated_at, hlc)
         VALUES (?, ?, ?, NULL, 'assistant', 'half an answer', 'streaming', ?, ?, ?)`,
      ).run(REPLY, 'space', CONVERSATION, 1_688_119_200_000, 1_688_119_200_000, HLC);
    },
    check: async (store) => {
      expect(store.nodeId).toBe('00000000000000aa');
      const found = await store.getConversation(CONVERSATION);
      expect(found!.conversation).toMatchObject({ title: 'from version 1', tags: [], pinned: false, folderId: null, settings: {} });
      expect(found!.messages).toMatchObject([{ id: REPLY, content: 'half an answer', status: 'interrupted' }]);
      // Rebuilt messages keep their tree, and text written before search existed is searchable.
      const child = await store.insertMessage(userMessage(CONVERSATION, REPLY, 'a follow-up'));
      expect((await store.getBranch(CONVERSATION, child.id)).map((m) => m.id)).toEqual([REPLY, child.id]);
      expect((await store.search({ text: 'answ' })).hits.map((h) => h.messageId)).toEqual([REPLY]);
    },
  },
  2: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 2));
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('node_id', '00000000000000aa');
      db.prepare(
        `INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc, folder_id, pinned, archived, persona_id, settings, shown_leaf_id)
         VALUES (?, 'space', 'from version 2', ?, ?, ?, ?, 1, 0, ?, '{"temperature":0.3}', ?)`,
      ).run(CONVERSATION, T2, T2, HLC, FOLDER, PERSONA, REPLY);
      db.prepare(
        `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, created_at, updated_at, hlc)
         VALUES (?, ?, 'space', ?, NULL, 'assistant', 'written by schema two', 'done', ?, ?, ?)`,
      ).run(T2 * 1024, REPLY, CONVERSATION, T2, T2, HLC);
      db.prepare(`INSERT INTO folders (id, space_id, name, created_at, updated_at, hlc) VALUES (?, 'space', 'Work', ?, ?, ?)`).run(FOLDER, T2, T2, HLC);
      db.prepare(`INSERT INTO tags (id, space_id, name, created_at, updated_at, hlc) VALUES ('tag-1', 'space', 'urgent', ?, ?, ?)`).run(T2, T2, HLC);
      db.prepare(
        `INSERT INTO conversation_tags (id, space_id, conversation_id, tag_id, created_at, hlc) VALUES ('link-1', 'space', ?, 'tag-1', ?, ?)`,
      ).run(CONVERSATION, T2, HLC);
      db.prepare(
        `INSERT INTO personas (id, space_id, name, system_prompt, created_at, updated_at, hlc) VALUES (?, 'space', 'Editor', 'Be terse.', ?, ?, ?)`,
      ).run(PERSONA, T2, T2, HLC);
      db.prepare(
        `INSERT INTO usage_ledger (id, space_id, model, input_tokens, output_tokens, cost_usd, ttft_ms, duration_ms, outcome, created_at, hlc)
         VALUES (?, 'space', 'gpt-test', 10, 20, 0.5, 100, 900, 'done', ?, ?)`,
      ).run(USAGE, T2, HLC);
      db.prepare(
        `INSERT INTO vault_records (id, provider_id, label, backend, hint, created_at, updated_at) VALUES (?, 'p', '', 'keychain', 'abcd', ?, ?)`,
      ).run(USAGE, T2, T2);
    },
    check: async (store) => {
      const found = await store.getConversation(CONVERSATION);
      expect(found!.conversation).toMatchObject({
        title: 'from version 2',
        folderId: FOLDER,
        pinned: true,
        personaId: PERSONA,
        settings: { temperature: 0.3 },
        shownLeafId: REPLY,
        tags: ['urgent'],
      });
      expect((await store.listPersonas()).map((p) => p.name)).toEqual(['Editor']);
      expect((await store.listFolders()).map((f) => f.name)).toEqual(['Work']);
      expect(await store.usageTotals('model', {})).toMatchObject([{ key: 'gpt-test', calls: 1, inputTokens: 10, costUsd: 0.5 }]);
      expect((await store.listVaultRecords()).map((r) => r.hint)).toEqual(['abcd']);
      expect((await store.search({ text: 'schema two' })).hits.map((h) => h.messageId)).toEqual([REPLY]);
    },
  },
  3: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 3));
      db.prepare(
        `INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, 'space', 'from version 3', ?, ?, ?)`,
      ).run(CONVERSATION, T2, T2, HLC);
      db.prepare(
        `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, created_at, updated_at, hlc)
         VALUES (?, ?, 'space', ?, NULL, 'user', 'indexed by its trigger', 'done', ?, ?, ?)`,
      ).run(T2 * 1024, REPLY, CONVERSATION, T2, T2, HLC);
    },
    check: async (store) => {
      expect((await store.search({ text: 'trig' })).hits.map((h) => h.messageId)).toEqual([REPLY]);
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    },
  },
  4: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 4));
      db.prepare(
        `INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, 'space', 'from version 4', ?, ?, ?)`,
      ).run(CONVERSATION, T2, T2, HLC);
      db.prepare(
        `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, created_at, updated_at, hlc)
         VALUES (?, ?, 'space', ?, NULL, 'user', 'tuned index', 'done', ?, ?, ?)`,
      ).run(T2 * 1024, REPLY, CONVERSATION, T2, T2, HLC);
      const config = db.prepare('SELECT k, v FROM messages_fts_config ORDER BY k').all();
      expect(config).toEqual(expect.arrayContaining([{ k: 'automerge', v: 8 }, { k: 'hashsize', v: 67108864 }]));
      db.prepare(
        `INSERT INTO usage_ledger (id, space_id, model, input_tokens, output_tokens, cost_usd, duration_ms, outcome, message_id, created_at, hlc)
         VALUES (?, 'space', 'gpt-test', 10, 20, 0.25, 900, 'done', ?, ?, ?)`,
      ).run(USAGE, REPLY, T2, HLC);
    },
    check: async (store) => {
      expect((await store.search({ text: 'tune' })).hits.map((h) => h.messageId)).toEqual([REPLY]);
      // A reply from before schema 5 shows the cost its ledger row recorded; its reasoning was never kept.
      expect((await store.getConversation(CONVERSATION))!.messages).toMatchObject([{ id: REPLY, costUsd: 0.25, reasoning: null }]);
    },
  },
  5: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 5));
      db.prepare(
        `INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, 'space', 'from version 5', ?, ?, ?)`,
      ).run(CONVERSATION, T2, T2, HLC);
      db.prepare(
        `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, input_tokens, output_tokens,
           cost_usd, reasoning, created_at, updated_at, hlc)
         VALUES (?, ?, 'space', ?, NULL, 'assistant', 'priced answer', 'done', 7, 9, 0.003, 'thought it through', ?, ?, ?)`,
      ).run(T2 * 1024, REPLY, CONVERSATION, T2, T2, HLC);
    },
    check: async (store) => {
      expect((await store.getConversation(CONVERSATION))!.messages).toMatchObject([
        { id: REPLY, usage: { inputTokens: 7, outputTokens: 9 }, costUsd: 0.003, reasoning: 'thought it through' },
      ]);
      // Schema 6 rebuilt the index with 3-character prefixes only: the row is still found.
      expect((await store.search({ text: 'pri' })).hits.map((h) => h.messageId)).toEqual([REPLY]);
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    },
  },
  6: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 6));
      db.prepare(
        `INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, 'space', 'from version 6', ?, ?, ?)`,
      ).run(CONVERSATION, T2, T2, HLC);
      db.prepare(
        `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, created_at, updated_at, hlc)
         VALUES (?, ?, 'space', ?, NULL, 'user', 'prefixed search', 'done', ?, ?, ?)`,
      ).run(T2 * 1024, REPLY, CONVERSATION, T2, T2, HLC);
      const prefix = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'messages_fts'").get() as { sql: string };
      expect(prefix.sql).toContain("prefix = '3'");
      db.prepare(
        `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, model, created_at, updated_at, hlc)
         VALUES (?, ?, 'space', ?, ?, 'assistant', 'timed answer', 'done', 'gpt-test', ?, ?, ?)`,
      ).run(T2 * 1024 + 1, ANSWER, CONVERSATION, REPLY, T2, T2, HLC);
      db.prepare(
        `INSERT INTO usage_ledger (id, space_id, model, input_tokens, output_tokens, ttft_ms, duration_ms, outcome, message_id, created_at, hlc)
         VALUES (?, 'space', 'gpt-test', 3, 4, 412.5, 900, 'done', ?, ?, ?)`,
      ).run(USAGE, ANSWER, T2, HLC);
    },
    check: async (store) => {
      expect((await store.search({ text: 'pre' })).hits.map((h) => h.messageId)).toEqual([REPLY]);
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
      // A reply from before schema 8 shows the time to first token its ledger row recorded.
      expect((await store.getConversation(CONVERSATION))!.messages).toMatchObject([
        { id: REPLY, ttftMs: null },
        { id: ANSWER, ttftMs: 412.5 },
      ]);
    },
  },
  7: {
    // A reply cut off mid-stream: its text and reasoning so far are chunks, not yet in its row.
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 7));
      db.prepare(
        `INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, 'space', 'from version 7', ?, ?, ?)`,
      ).run(CONVERSATION, T2, T2, HLC);
      db.prepare(
        `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, created_at, updated_at, hlc)
         VALUES (?, ?, 'space', ?, NULL, 'assistant', '', 'streaming', ?, ?, ?)`,
      ).run(T2 * 1024, REPLY, CONVERSATION, T2, T2, HLC);
      const chunk = db.prepare('INSERT INTO message_chunks (message_id, kind, text) VALUES (?, ?, ?)');
      chunk.run(REPLY, 'reasoning', 'Think ');
      chunk.run(REPLY, 'text', 'streamed ');
      chunk.run(REPLY, 'reasoning', 'twice.');
      chunk.run(REPLY, 'text', 'in chunks');
    },
    check: async (store) => {
      expect((await store.getConversation(CONVERSATION))!.messages).toMatchObject([
        { id: REPLY, status: 'interrupted', content: 'streamed in chunks', reasoning: 'Think twice.' },
      ]);
      expect((await store.search({ text: 'chunks' })).hits.map((h) => h.messageId)).toEqual([REPLY]);
      expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    },
  },
  8: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 8));
      db.prepare(
        `INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, 'space', 'from version 8', ?, ?, ?)`,
      ).run(CONVERSATION, T2, T2, HLC);
      db.prepare(
        `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, ttft_ms, created_at, updated_at, hlc)
         VALUES (?, ?, 'space', ?, NULL, 'assistant', 'quick answer', 'done', 87.25, ?, ?, ?)`,
      ).run(T2 * 1024, REPLY, CONVERSATION, T2, T2, HLC);
      db.prepare(
        `INSERT INTO goals (id, space_id, title, description, status, target_at, created_at, updated_at, hlc)
         VALUES (?, 'space', 'Goal from version 8', '', 'active', NULL, ?, ?, ?)`,
      ).run(GOAL, T2, T2, HLC);
    },
    check: async (store) => {
      expect((await store.getConversation(CONVERSATION))!.messages).toMatchObject([{ id: REPLY, ttftMs: 87.25 }]);
      // Schema 9 gave goals a progress measure: one made before it has none.
      expect(await store.listGoals()).toMatchObject([{ id: GOAL, title: 'Goal from version 8', progress: { kind: 'none' } }]);
    },
  },
  9: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 9));
      const progress = { kind: 'steps', steps: [{ id: CONVERSATION, text: 'First step', done: true }] };
      db.prepare(
        `INSERT INTO goals (id, space_id, title, description, status, target_at, progress, created_at, updated_at, hlc)
         VALUES (?, 'space', 'Goal from version 9', '', 'active', NULL, ?, ?, ?, ?)`,
      ).run(GOAL, JSON.stringify(progress), T2, T2, HLC);
      expect(() => db.prepare("UPDATE goals SET progress = 'not json'").run()).toThrow(/CHECK constraint/);
    },
    check: async (store) => {
      expect(await store.listGoals()).toMatchObject([
        { id: GOAL, progress: { kind: 'steps', steps: [{ id: CONVERSATION, text: 'First step', done: true }] } },
      ]);
    },
  },
  10: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 10));
      db.prepare(
        `INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, 'space', 'from version 10', ?, ?, ?)`,
      ).run(CONVERSATION, T2, T2, HLC);
      db.prepare(
        `INSERT INTO messages (seq, id, space_id, conversation_id, parent_id, role, content, status, error_code, error_message,
           error_params, created_at, updated_at, hlc)
         VALUES (?, ?, 'space', ?, NULL, 'assistant', '', 'error', 'provider.unreachable', 'Could not reach 127.0.0.1:9.', ?, ?, ?, ?)`,
      ).run(T2 * 1024, REPLY, CONVERSATION, JSON.stringify({ host: '127.0.0.1:9', cause: 'refused' }), T2, T2, HLC);
    },
    check: async (store) => {
      expect((await store.getConversation(CONVERSATION))!.messages).toMatchObject([
        { id: REPLY, error: { code: 'provider.unreachable', message: 'Could not reach 127.0.0.1:9.', params: { host: '127.0.0.1:9', cause: 'refused' } } },
      ]);
    },
  },
  11: {
    build: (db, file) => {
      migrate(db, file, MIGRATIONS.slice(0, 11));
      db.prepare(`INSERT INTO conversations (id, space_id, title, created_at, updated_at, hlc) VALUES (?, 'space', 'from version 11', ?, ?, ?)`).run(
        CONVERSATION, T2, T2, HLC,
      );
      db.prepare('INSERT INTO sync_clocks (table_name, row_id, clocks) VALUES (?, ?, ?)').run('conversations', CONVERSATION, JSON.stringify({ '*': HLC }));
      db.prepare('INSERT INTO sync_cursors (space_id, seq) VALUES (?, ?)').run('space', 7);
    },
    check: async (store) => {
      expect((await store.getConversation(CONVERSATION))!.conversation.title).toBe('from version 11');
      expect(await store.syncCursor('space')).toMatchObject({ seq: 7 });
    },
  },
};

function userVersionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('are numbered 1, 2, 3... with a database fixture for every version up to the latest', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(Object.keys(MADE_BY).map(Number)).toEqual(Array.from({ length: LATEST + 1 }, (_, v) => v));
  });

  it.each(Array.from({ length: LATEST + 1 }, (_, v) => v))('open a database made by version %i, keeping its rows', async (version) => {
    const file = stores.file();
    const db = new Database(file);
    try {
      MADE_BY[version]!.build(db, file);
      expect(schemaVersion(db)).toBe(version);
    } finally {
      db.close();
    }
    const store = await stores.open(file);
    await MADE_BY[version]!.check(store);
    await store.close();
    expect(userVersionOf(file)).toBe(LATEST);
  });

  it('refuse a database from a newer version of the app, and never modify it', async () => {
    const file = stores.file();
    const db = new Database(file);
    db.exec('CREATE TABLE future_things (id TEXT PRIMARY KEY); INSERT INTO future_things VALUES (1);');
    db.pragma(`user_version = ${LATEST + 1}`);
    db.close();
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex');

    await expect(openStore({ file })).rejects.toThrow(
      `The conversation database ${file} was written by a newer version of RealMultiLLM (schema ${LATEST + 1}; this version knows up to ${LATEST}). It was left unchanged.`,
    );
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(hash);
    expect(userVersionOf(file)).toBe(LATEST + 1);
  });

  it('roll back a migration that fails, leaving the database at the version before it', () => {
    const file = stores.file();
    const broken: Migration = {
      version: LATEST + 1,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_made (id TEXT)');
        throw new Error('disk full');
      },
    };
    const db = new Database(file);
    try {
      expect(() => migrate(db, file, [...MIGRATIONS, broken])).toThrow(
        `Upgrading the conversation database ${file} to schema ${LATEST + 1} (broken) failed: disk full.`,
      );
      expect(schemaVersion(db)).toBe(LATEST);
      expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half_made'").get()).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('refuse a list that is not numbered in order', () => {
    const db = new Database(':memory:');
    try {
      const skipped: Migration = { version: LATEST + 2, name: 'skipped one', up: () => {} };
      expect(() => migrate(db, ':memory:', [...MIGRATIONS, skipped])).toThrow(/numbered .*; expected/);
      expect(schemaVersion(db)).toBe(0);
    } finally {
      db.close();
    }
  });
});
