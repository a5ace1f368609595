// Attachments: the bytes live content-addressed beside the database, in
// attachments/<hash[0:2]>/<hash>, written once (same bytes, same file); the row
// names the file, its type and the message it belongs to.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Attachment } from '../../../../src-shared/entities/attachments';
import { storeErrors } from '../errors';
import type { AttachmentSource, NewAttachment } from '../interfaces';
import type { SyncedRows } from './synced-rows';

interface AttachmentRow {
  id: string;
  message_id: string | null;
  hash: string;
  mime: string;
  size: number;
  file_name: string;
  created_at: number;
}

const toAttachment = (row: AttachmentRow): Attachment => ({
  id: row.id,
  messageId: row.message_id,
  hash: row.hash,
  mime: row.mime,
  size: row.size,
  fileName: row.file_name,
  createdAt: row.created_at,
});

function hashFile(path: string): { hash: string; size: number } {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  let size = 0;
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, read));
      size += read;
    }
  } finally {
    closeSync(fd);
  }
  return { hash: hash.digest('hex'), size };
}

/** Where the bytes with this hash live in the attachments folder `dir`. */
export function attachmentPath(dir: string, hash: string): string {
  return join(dir, hash.slice(0, 2), hash);
}

/** Puts bytes in place under their hash (written once: the same bytes are already there), through a temporary file. */
function placeBytes(dir: string, content: { hash: string; size: number }, write: (temp: string) => void): void {
  const target = attachmentPath(dir, content.hash);
  if (existsSync(target) && statSync(target).size === content.size) return;
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    write(temp);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Stores bytes content-addressed in the attachments folder `dir` (an import's parser does, before the rows exist). */
export function storeAttachmentBytes(dir: string, data: Uint8Array): { hash: string; size: number } {
  const content = { hash: createHash('sha256').update(data).digest('hex'), size: data.byteLength };
  placeBytes(dir, content, (temp) => writeFileSync(temp, data));
  return content;
}

export class AttachmentRepository {
  private readonly selectByMessage;
  private readonly selectByMessages;

  constructor(
    db: Database.Database,
    private readonly rows: SyncedRows,
    /** The attachments folder beside the database. */
    readonly dir: string,
  ) {
    this.selectByMessage = db.prepare<[string], AttachmentRow>(
      'SELECT * FROM attachments WHERE message_id = ? AND deleted = 0 ORDER BY created_at, id',
    );
    this.selectByMessages = db.prepare<[string], AttachmentRow>(
      `SELECT * FROM attachments WHERE message_id IN (SELECT value FROM json_each(?)) AND deleted = 0
       ORDER BY created_at, id`,
    );
  }

  pathOf(hash: string): string {
    return attachmentPath(this.dir, hash);
  }

  /**
   * Writes the bytes into place (before the row, so a row never names a missing
   * file; a crash in between leaves only an unreferenced file).
   */
  storeBytes(source: AttachmentSource): { hash: string; size: number } {
    let content: { hash: string; size: number };
    try {
      content =
        'data' in source
          ? { hash: createHash('sha256').update(source.data).digest('hex'), size: source.data.byteLength }
          : hashFile(source.sourcePath);
    } catch (error) {
      const path = 'sourcePath' in source ? source.sourcePath : 'the given bytes';
      throw storeErrors.invalid(`The file ${path} could not be read (${(error as Error).message}). Check that it still exists.`);
    }
    placeBytes(this.dir, content, (temp) => ('data' in source ? writeFileSync(temp, source.data) : copyFileSync(source.sourcePath, temp)));
    return content;
  }

  insert(input: NewAttachment, content: { hash: string; size: number }, spaceId: string): Attachment {
    if (this.rows.find('attachments', input.id)) throw storeErrors.conflict(`An attachment with id ${input.id} already exists.`);
    this.rows.upsert('attachments', input.id, spaceId, {
      message_id: input.messageId,
      hash: content.hash,
      mime: input.mime,
      size: content.size,
      file_name: input.fileName,
      created_at: Date.now(),
    });
    return this.find(input.id)!;
  }

  find(id: string): Attachment | null {
    const row = this.rows.live<AttachmentRow & { space_id: string; hlc: string; deleted: number }>('attachments', id);
    return row ? toAttachment(row) : null;
  }

  /** The attachment with its file's path; says plainly when the file has vanished. */
  open(id: string): { attachment: Attachment; path: string } {
    const attachment = this.find(id);
    if (!attachment) throw storeErrors.notFound('Attachment', id);
    const path = this.pathOf(attachment.hash);
    if (!existsSync(path)) throw storeErrors.attachmentMissing(attachment.fileName, path);
    return { attachment, path };
  }

  listByMessage(messageId: string): Attachment[] {
    return this.selectByMessage.all(messageId).map(toAttachment);
  }

  /** The attachments of several messages in one query (a branch, say). */
  listByMessages(messageIds: readonly string[]): Attachment[] {
    return messageIds.length === 0 ? [] : this.selectByMessages.all(JSON.stringify(messageIds)).map(toAttachment);
  }
}
