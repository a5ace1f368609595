// The second pass of an import: staged conversations are copied into the store by
// SQL (no per-message JavaScript), a batch of conversations per transaction, with
// their outbox changes; the search index follows through its trigger. A
// conversation already in the store (same id: the same source conversation) is
// skipped, so importing a file again adds nothing, and an import that stopped
// part-way finishes when the same file is imported again.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../../../src-shared/api/errors';
import { uuidv7 } from '../../../src-shared/ids';
import { SNAPSHOT } from '../store/repositories/outbox';
import type { JobContext } from './context';

/** Messages per transaction: large enough to be fast, small enough not to hold the writer long. */
const BATCH_MESSAGES = 20_000;

/**
 * Outbox ids made in SQL, shaped like UUIDv7 and increasing: the batch's own
 * UUIDv7 prefix, then the staged row's number (`kind` keeps conversation and
 * message rows apart), so the outbox's id index is appended to, not scattered.
 */
const outboxId = (ord: string, kind: 8 | 10) => `@idPrefix || printf('-%04x-%012x', ${kind * 4096}, ${ord})`;

export interface MergeResult {
  imported: number;
  skipped: number;
  messages: number;
}

export async function mergeStaging(
  context: JobContext,
  stagingPath: string,
  control: { signal: AbortSignal; onProgress(done: number): void },
): Promise<MergeResult> {
  const { db, repositories } = context;
  db.prepare('ATTACH DATABASE ? AS staging').run(stagingPath);
  try {
    db.pragma('staging.journal_mode = OFF');
    const counts = db.prepare('SELECT ord, message_count FROM staging.conversations ORDER BY ord').all() as { ord: number; message_count: number }[];
    const batches: { lo: number; hi: number }[] = [];
    let start = 0;
    let size = 0;
    counts.forEach((row, i) => {
      size += row.message_count;
      if (size >= BATCH_MESSAGES || i === counts.length - 1) {
        batches.push({ lo: counts[start]!.ord, hi: row.ord });
        start = i + 1;
        size = 0;
      }
    });

    // A conversation already in the store (or any of its messages) is skipped, not duplicated.
    const markSkipped = db.prepare(
      `UPDATE staging.conversations AS s SET skip = 1 WHERE s.ord BETWEEN @lo AND @hi AND (
         EXISTS (SELECT 1 FROM main.conversations c WHERE c.id = s.id)
         OR EXISTS (SELECT 1 FROM staging.messages sm JOIN main.messages m ON m.id = sm.id WHERE sm.conv_ord = s.ord))`,
    );
    const seqClashes = db.prepare(
      `SELECT sm.ord, sm.seq FROM staging.messages sm JOIN main.messages m ON m.seq = sm.seq WHERE sm.conv_ord BETWEEN @lo AND @hi`,
    );
    const moveSeq = db.prepare('UPDATE staging.messages SET seq = ? WHERE ord = ?');
    const seqTaken = db.prepare('SELECT 1 FROM main.messages WHERE seq = @seq UNION ALL SELECT 1 FROM staging.messages WHERE seq = @seq');
    const inBatch = 's.ord BETWEEN @lo AND @hi AND s.skip = 0';
    const insertConversations = db.prepare(
      `INSERT INTO main.conversations (id, space_id, title, created_at, updated_at, shown_leaf_id, hlc)
       SELECT id, @space, title, created_at, updated_at, shown_leaf_id, @hlc FROM staging.conversations s WHERE ${inBatch} ORDER BY s.ord`,
    );
    const conversationChanges = db.prepare(
      `INSERT INTO main.outbox (id, space_id, table_name, row_id, fields, hlc, deleted)
       SELECT ${outboxId('s.ord', 10)}, @space, 'conversations', id,
         json_object('title', title, 'created_at', created_at, 'updated_at', updated_at, 'shown_leaf_id', shown_leaf_id), @hlc, 0
       FROM staging.conversations s WHERE ${inBatch} ORDER BY s.ord`,
    );
    const insertMessages = db.prepare(
      `INSERT INTO main.messages (seq, id, space_id, conversation_id, parent_id, role, content, status, model, created_at, updated_at, hlc)
       SELECT sm.seq, sm.id, @space, s.id, sm.parent_id, sm.role, sm.content, sm.status, sm.model, sm.created_at, sm.created_at, @hlc
       FROM staging.conversations s JOIN staging.messages sm ON sm.conv_ord = s.ord WHERE ${inBatch} ORDER BY sm.ord`,
    );
    const messageChanges = db.prepare(
      `INSERT INTO main.outbox (id, space_id, table_name, row_id, fields, hlc, deleted)
       SELECT ${outboxId('sm.ord', 8)}, @space, 'messages', sm.id, '${SNAPSHOT}', @hlc, 0
       FROM staging.conversations s JOIN staging.messages sm ON sm.conv_ord = s.ord WHERE ${inBatch} ORDER BY sm.ord`,
    );
    const withExtras = db.prepare(`SELECT id, extras FROM staging.conversations s WHERE extras IS NOT NULL AND ${inBatch}`);

    const result: MergeResult = { imported: 0, skipped: 0, messages: 0 };
    const mergeBatch = db.transaction((lo: number, hi: number) => {
      const skipped = markSkipped.run({ lo, hi }).changes;
      for (const clash of seqClashes.all({ lo, hi }) as { ord: number; seq: number }[]) {
        let seq = clash.seq + 1;
        while (seqTaken.get({ seq })) seq += 1;
        moveSeq.run(seq, clash.ord);
      }
      const params = { lo, hi, space: context.spaceId, hlc: repositories.outbox.stamp(), idPrefix: uuidv7().slice(0, 18) };
      result.imported += insertConversations.run(params).changes;
      conversationChanges.run(params);
      result.messages += insertMessages.run(params).changes;
      messageChanges.run(params);
      for (const row of withExtras.all({ lo, hi }) as { id: string; extras: string }[]) {
        const extras = JSON.parse(row.extras) as { pinned?: boolean; archived?: boolean; tags?: string[] };
        repositories.conversations.update(row.id, extras);
      }
      result.skipped += skipped;
    });

    for (const [index, batch] of batches.entries()) {
      if (control.signal.aborted) {
        throw new AppError(
          'transfer.cancelled',
          `The import was cancelled after ${result.imported + result.skipped} of ${counts.length} conversations. ` +
            'Importing the same file again adds the rest, without duplicates.',
        );
      }
      mergeBatch.immediate(batch.lo, batch.hi);
      control.onProgress(result.imported + result.skipped);
      // Let the writer answer other requests (a streaming reply's flush) between batches.
      if (index < batches.length - 1) await nextTurn();
    }
    return result;
  } finally {
    db.prepare('DETACH DATABASE staging').run();
  }
}
