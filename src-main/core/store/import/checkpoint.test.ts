// The import's checkpointer thread copies the log into the database file while
// another connection writes, keeps the log from growing with the import, and
// gives the checkpoints back to the writer after.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { startWorker } from '../start-worker';
import { chatGptConversations, useTempStores, userMessage } from '../testing';
import type { CheckpointerOptions } from './checkpoint-worker';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const stores = useTempStores();

/** Polls `condition` every 20 ms for up to `ms`. */
async function eventually(condition: () => boolean, ms: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < ms; await sleep(20)) if (condition()) return true;
  return condition();
}

describe('the import checkpointer', () => {
  it('copies what another connection commits into the database file, and ends when told', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rmllm-checkpoint-'));
    dirs.push(dir);
    const file = join(dir, 'store.db');
    const writer = new Database(file);
    try {
      writer.pragma('journal_mode = WAL');
      // As during an import: the writer makes no checkpoints of its own.
      writer.pragma('wal_autocheckpoint = 0');
      writer.exec('CREATE TABLE t (x TEXT)');
      const insert = writer.prepare('INSERT INTO t (x) VALUES (?)');
      for (let i = 0; i < 40; i += 1) insert.run('x'.repeat(100_000));
      // Everything is in the log; the database file holds the schema only.
      expect(statSync(file).size).toBeLessThan(100_000);

      const thread = startWorker('importCheckpointer', { file } satisfies CheckpointerOptions);
      const exited = new Promise<number>((resolve) => thread.once('exit', resolve));
      const ready = new Promise((resolve) => thread.once('message', resolve));
      expect(await ready).toBe('ready');
      // More commits while it runs are copied too.
      for (let i = 0; i < 20; i += 1) insert.run('y'.repeat(100_000));
      expect(await eventually(() => statSync(file).size > 6_000_000, 10_000)).toBe(true);

      thread.postMessage('stop');
      expect(await exited).toBe(0);
      expect(writer.prepare('SELECT count(*) FROM t').pluck().get()).toBe(60);
      expect(writer.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      writer.close();
    }
  });

  it("gives checkpoints back to the store's writer once an import ends", async () => {
    const store = await stores.open();
    const exportFile = join(mkdtempSync(join(tmpdir(), 'rmllm-export-')), 'conversations.json');
    dirs.push(dirname(exportFile));
    writeFileSync(exportFile, JSON.stringify(chatGptConversations(200)));
    expect((await store.importFile({ path: exportFile }, { jobId: uuidv7() })).imported).toBe(200);
    // 40 MB of writes after it: the writer checkpoints every 1,000 pages (16 MB)
    // and then starts the log over, so the log never holds all of them.
    const { id } = await store.createConversation({ id: uuidv7(), title: 'after the import' });
    for (let i = 0; i < 40; i += 1) await store.insertMessage(userMessage(id, null, `${i} ${'z'.repeat(1_000_000)}`));
    expect(statSync(`${store.file}-wal`).size).toBeLessThan(30_000_000);
  });

  it("keeps the log near the export's size during an import, starting it over when the checkpointer has caught up", async () => {
    const store = await stores.open();
    const exportFile = join(mkdtempSync(join(tmpdir(), 'rmllm-export-')), 'conversations.json');
    dirs.push(dirname(exportFile));
    // 60,000 messages: three batches, each of which adds more to the log than the whole export.
    writeFileSync(exportFile, JSON.stringify(chatGptConversations(30_000, 30)));
    const exportBytes = statSync(exportFile).size;
    let largest = 0;
    const watch = setInterval(() => {
      try {
        largest = Math.max(largest, statSync(`${store.file}-wal`).size);
      } catch {
        // Not there yet.
      }
    }, 10);
    try {
      expect((await store.importFile({ path: exportFile }, { jobId: uuidv7() })).messages).toBe(60_000);
    } finally {
      clearInterval(watch);
    }
    // Measured: 84 MB for a 62 MB export (two batches' worth, then the log
    // started over); 127 MB when the writer never waited for the checkpointer.
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(exportBytes * 1.6);
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
  }, 60_000);
});
