// Room on the disk set aside for undoing an import. Undoing what was merged
// writes log pages of its own, and on a disk the import filled, deleting the
// scratch database does not always free enough: with 16 KB pages the undo of a
// merged batch failed for want of room (bad-disk.test.ts). So an import first
// writes this file beside the store, and deletes it just before an undo, or at
// its end.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The export's size is set aside, but never more than this (nor less than a megabyte). */
const MAX_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export const undoRoomPath = (dir: string, jobId: string) => join(dir, `import-${jobId}.reserve`);

/**
 * Writes the reserve for an export of `exportBytes`. The bytes are random, so no
 * file system stores them in less room (zeros may be compressed or left sparse).
 * Fails (ENOSPC) when the disk lacks even that room; nothing is left behind then.
 */
export function setAsideUndoRoom(path: string, exportBytes: number): void {
  let left = Math.min(MAX_BYTES, Math.max(exportBytes, CHUNK_BYTES));
  const chunk = randomBytes(CHUNK_BYTES);
  const fd = openSync(path, 'w');
  try {
    while (left > 0) {
      left -= writeSync(fd, chunk, 0, Math.min(left, CHUNK_BYTES));
    }
  } catch (error) {
    closeSync(fd);
    releaseUndoRoom(path);
    throw error;
  }
  closeSync(fd);
}

export function releaseUndoRoom(path: string): void {
  rmSync(path, { force: true });
}
