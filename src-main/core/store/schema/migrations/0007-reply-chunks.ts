// Schema 7: a streaming reply's text and reasoning arrive as appended chunks, one
// row per flush, instead of the whole text so far rewritten every flush (which
// made a long reply cost writes quadratic in its length). The reply's row gets
// the joined text once, when it finishes or is found interrupted at start-up,
// and its chunks go. Local only: chunks never reach the outbox.
import type { Migration } from '../migrate';

export const replyChunks: Migration = {
  version: 7,
  name: 'streaming replies stored as appended chunks',
  up(db) {
    db.exec(`
      CREATE TABLE message_chunks (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('text', 'reasoning')),
        text TEXT NOT NULL
      ) STRICT;
      CREATE INDEX message_chunks_by_message ON message_chunks (message_id, kind, id);
    `);
  },
};
