// A full disk and a read-only data folder, made for real: a small tmpfs mounted
// for the test (needs root, as in CI's container), or, for read-only without
// root, file permissions. Each must give a message in words and keep the data.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { openStore } from './index';
import { userMessage } from './test-support';

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
    await withTmpfs(3072, async (dir) => {
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

      execFileSync('mount', ['-o', 'remount,size=8m', dir]);
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
