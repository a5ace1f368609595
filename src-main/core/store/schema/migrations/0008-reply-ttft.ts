// Schema 8: a reply keeps its time to first token, so the chat still shows it after
// a restart. ttft_ms is the value the usage ledger records for the same call;
// replies made before this version take it from the ledger.
import type { Migration } from '../migrate';

export const replyTtft: Migration = {
  version: 8,
  name: 'reply time to first token',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN ttft_ms REAL;
      UPDATE messages SET ttft_ms = u.ttft_ms
        FROM usage_ledger u
        WHERE u.message_id = messages.id AND u.deleted = 0 AND u.ttft_ms IS NOT NULL;
    `);
  },
};
