// The search index's merging after an import (index-merger.ts): deferred while
// the batches go in, no write after the import merges everything at once, and the
// merger thread merges the segments, puts the settings back, and resumes after a
// restart.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { chatGptConversations, useTempStores, userMessage } from '../testing';
import { DEFERRED_MERGING, NORMAL_MERGING, deferSearchMerging } from './index-merger';

const stores = useTempStores();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Reads FTS5's structure record (row 10 of its data table): the segments on each level. */
function segmentsPerLevel(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    const block = db.prepare('SELECT block FROM messages_fts_data WHERE id = 10').pluck().get() as Buffer;
    // A 4-byte cookie, then, in FTS5's second structure format, a 4-byte marker.
    let at = block[4] === 0xff && block[5] === 0 ? 8 : 4;
    const varint = () => {
      let value = 0;
      for (;;) {
        const byte = block[at++]!;
        value = value * 128 + (byte & 0x7f);
        if (byte < 0x80) return value;
      }
    };
    const levels = varint();
    varint(); // segments in all
    varint(); // the write counter
    const extended = at > 4 && block[4] === 0xff;
    const perLevel: number[] = [];
    for (let level = 0; level < levels; level += 1) {
      varint(); // segments being merged
      const count = varint();
      perLevel.push(count);
      for (let segment = 0; segment < count; segment += 1) for (let field = 0; field < (extended ? 8 : 3); field += 1) varint();
    }
    return perLevel;
  } finally {
    db.close();
  }
}

const total = (levels: number[]) => levels.reduce((sum, count) => sum + count, 0);

function state(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const config = Object.fromEntries(
      (db.prepare("SELECT k, v FROM messages_fts_config WHERE k IN ('automerge', 'crisismerge')").all() as { k: string; v: number }[]).map(
        (row) => [row.k, row.v],
      ),
    );
    const pending = db.prepare("SELECT 1 FROM meta WHERE key = 'search_merge_pending'").get() !== undefined;
    return { automerge: config.automerge as number, crisismerge: (config.crisismerge as number | undefined) ?? 16, pending };
  } finally {
    db.close();
  }
}

async function eventually(condition: () => boolean, ms: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; await sleep(50)) if (condition()) return true;
  return condition();
}

describe('merging the search index after an import', () => {
  it('is deferred: writes make segments without merging them, until the merger thread merges them at the next start', async () => {
    const file = stores.file();
    let store = await stores.open(file);
    const { id } = await store.createConversation({ id: uuidv7(), title: 'segments' });
    let parent: string | null = null;
    const write = async (count: number, word: string) => {
      for (let i = 0; i < count; i += 1) parent = (await store.insertMessage(userMessage(id, parent, `${word} number ${i}`))).id;
    };
    // With the normal settings, 40 one-message transactions never leave 16 segments on a level (crisis merges).
    await write(40, 'ordinary');
    expect(Math.max(...segmentsPerLevel(file))).toBeLessThan(NORMAL_MERGING.crisismerge);

    // Deferred as an import defers it (the test's own connection, like the import's first step).
    const db = new Database(file);
    deferSearchMerging(db);
    db.close();
    const before = total(segmentsPerLevel(file));
    await write(60, 'deferred');
    // Every write added its segment and nothing was merged.
    expect(total(segmentsPerLevel(file))).toBe(before + 60);
    expect(state(file)).toEqual({ ...DEFERRED_MERGING, pending: true });
    await store.close();

    // The next start resumes the merge on the merger thread.
    store = await stores.open(file);
    expect(await eventually(() => !state(file).pending, 20_000)).toBe(true);
    expect(state(file)).toEqual({ ...NORMAL_MERGING, pending: false });
    expect(total(segmentsPerLevel(file))).toBeLessThanOrEqual(2);
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    expect((await store.search({ text: 'deferred', limit: 100 })).hits).toHaveLength(60);
    expect((await store.search({ text: 'ordinary', limit: 100 })).hits).toHaveLength(40);
  });

  it('is done by the merger thread after an import, while the store goes on writing', async () => {
    const file = stores.file();
    const store = await stores.open(file);
    const exportFile = join(mkdtempSync(join(tmpdir(), 'rmllm-export-')), 'conversations.json');
    dirs.push(dirname(exportFile));
    // 100,000 messages: five batches, five segments left for the merger.
    writeFileSync(exportFile, JSON.stringify(chatGptConversations(50_000, 2)));
    expect((await store.importFile({ path: exportFile }, { jobId: uuidv7() })).messages).toBe(100_000);

    // Writes while the merger runs wait for its step, never fail.
    const { id } = await store.createConversation({ id: uuidv7(), title: 'during the merge' });
    let parent: string | null = null;
    for (let i = 0; i < 30; i += 1) parent = (await store.insertMessage(userMessage(id, parent, `meanwhile ${i}`))).id;

    expect(await eventually(() => !state(file).pending, 30_000)).toBe(true);
    expect(state(file)).toEqual({ ...NORMAL_MERGING, pending: false });
    expect(total(segmentsPerLevel(file))).toBeLessThanOrEqual(3);
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    expect((await store.search({ text: 'meanwhile', limit: 100 })).hits).toHaveLength(30);
    expect((await store.search({ text: 'question 49999' })).hits.length).toBeGreaterThan(0);
  });
});
