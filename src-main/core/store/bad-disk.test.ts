// A full disk and a read-only data folder, made for real: a small tmpfs mounted
// for the test (needs root, as in CI's container), or, for read-only without
// root, file permissions. Each must give a message in words and keep the data.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { chatGptConversations, userMessage } from './testing';
import { openStore } from './index';

const isRoot = process.getuid?.() === 0;

function canMount(): boolean {
  if (!isRoot) return false;
  const dir = mkdtempSync(join(tmpdir(), 'rmllm-mount-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mountable = canMount();
// CI runs as root with mount allowed; there a missing tmpfs is a failure, not a skip.
if (process.env.CI && !mountable) {
  throw new Error('The full-disk tests need to mount a tmpfs (root and `mount -t tmpfs`); CI must provide it.');
}

async function withTmpfs<T>(sizeKb: number, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'rmllm-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  try {
    return await fn(dir);
  } finally {
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a full disk', () => {
  it.skipIf(!mountable)('says the disk is full, keeps everything saved before, and works again once there is room', async () => {
    // A new store's migrations leave about 1.5 MB in the log (checkpointed later), so the disk has room beyond that.
    await withTmpfs(8192, async (dir) => {
      const file = join(dir, 'data', 'store.db');
      const store = await openStore({ file });
      const { id } = await store.createConversation({ id: uuidv7(), title: 'filling up' });
      const big = 'lorem ipsum dolor sit amet '.repeat(2000);
      let saved = 0;
      let failure: Error | null = null;
      while (!failure && saved < 1000) {
        try {
          await store.insertMessage(userMessage(id, null, `${saved} ${big}`));
          saved += 1;
        } catch (error) {
          failure = error as Error;
        }
      }
      expect(failure?.message).toMatch(/The disk holding .*store\.db is full.*Free some space, then try again/);
      expect(saved).toBeGreaterThan(5);
      expect((await store.getConversation(id))!.messages).toHaveLength(saved);
      await store.close().catch(() => {});

      execFileSync('mount', ['-o', 'remount,size=16m', dir]);
      const reopened = await openStore({ file });
      try {
        expect((await reopened.getConversation(id))!.messages).toHaveLength(saved);
        await reopened.insertMessage(userMessage(id, null, 'room again'));
        expect(await reopened.integrityCheck()).toEqual({ ok: true, problems: [] });
      } finally {
        await reopened.close();
      }
    });
  }, 60_000);
});

describe('an import onto a full disk', () => {
  // The import first sets room aside for its undo (transfer/undo-room.ts: here the
  // export's size, 7.4 MB for 4,000 conversations, 23 MB for 12,000): without it,
  // undoing a merged batch written in 16 KB pages failed for want of room.
  // Sizes found by trying: with 4 MB not even that room is there, so the file is
  // never read; with 16 MB the scratch copy of the export fills the disk; with
  // 108 MB the first batch of 20,000 messages is merged before the disk fills
  // (92-122 MB all passed; past 128 MB the import completes).
  it.skipIf(!mountable).each([
    { when: 'before the export is read', conversations: 4_000, diskKb: 4_096, read: false, merged: false },
    { when: 'while the export is read', conversations: 4_000, diskKb: 16_384, read: true, merged: false },
    { when: 'after a batch was merged', conversations: 12_000, diskKb: 110_592, read: true, merged: true },
  ])('$when: says the disk is full, imports nothing, keeps what was there and removes its scratch file', async ({ conversations, diskKb, read, merged }) => {
    // The export lives elsewhere; the data folder is a tmpfs too small for it.
    const outside = mkdtempSync(join(tmpdir(), 'rmllm-export-'));
    try {
      const exportFile = join(outside, 'conversations.json');
      writeFileSync(exportFile, JSON.stringify(chatGptConversations(conversations, 30)));
      await withTmpfs(diskKb, async (dir) => {
        const file = join(dir, 'data', 'store.db');
        const store = await openStore({ file });
        try {
          const { id } = await store.createConversation({ id: uuidv7(), title: 'mine' });
          await store.insertMessage(userMessage(id, null, 'keep me'));
          const outboxBefore = await store.listOutbox(100);
          const phases = new Set<string>();

          const failure = await store.importFile({ path: exportFile }, { jobId: uuidv7(), onProgress: (p) => phases.add(p.phase) }).then(
            () => null,
            (error: unknown) => error as Error,
          );
          expect(failure?.message).toMatch(/^The disk holding .*data is full, so the import stopped. Nothing was imported.*Free some space/);

          // The parser's first word is reported as 'checking'.
          expect(phases.has('checking')).toBe(read);
          expect(phases.has('importing')).toBe(merged);
          expect((await store.listConversations(100)).map((c) => c.title)).toEqual(['mine']);
          expect((await store.getConversation(id))!.messages.map((m) => m.content)).toEqual(['keep me']);
          expect((await store.search({ text: 'question' })).hits).toEqual([]);
          expect(await store.listOutbox(100)).toEqual(outboxBefore);
          expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
          expect(readdirSync(dirname(file)).filter((name) => name.startsWith('import-'))).toEqual([]);
          // Once there is room again, the app writes, and the log the import grew is cut back.
          execFileSync('mount', ['-o', `remount,size=${diskKb + 65_536}k`, dir]);
          await store.insertMessage(userMessage(id, null, 'still here'));
          expect((await store.getConversation(id))!.messages.map((m) => m.content)).toEqual(['keep me', 'still here']);
        } finally {
          await store.close().catch(() => {});
        }
      });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a read-only data folder', () => {
  it.skipIf(!mountable && isRoot)('refuses to open for writing, in words, and leaves the data intact', async () => {
    const run = async (dir: string, makeReadOnly: () => void, undo: () => void) => {
      const file = join(dir, 'store.db');
      const store = await openStore({ file });
      await store.createConversation({ id: uuidv7(), title: 'kept' });
      await store.close();
      makeReadOnly();
      try {
        await expect(openStore({ file })).rejects.toThrow(/cannot write to .*store\.db: the file or its folder is read-only. Your saved data is intact/);
      } finally {
        undo();
      }
      const reopened = await openStore({ file });
      expect((await reopened.listConversations(10)).map((c) => c.title)).toEqual(['kept']);
      await reopened.close();
    };
    if (mountable) {
      await withTmpfs(4096, (dir) =>
        run(
          dir,
          () => execFileSync('mount', ['-o', 'remount,ro', dir]),
          () => execFileSync('mount', ['-o', 'remount,rw', dir]),
        ),
      );
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'rmllm-ro-'));
      try {
        await run(dir, () => chmodSync(dir, 0o555), () => chmodSync(dir, 0o755));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 30_000);
});
