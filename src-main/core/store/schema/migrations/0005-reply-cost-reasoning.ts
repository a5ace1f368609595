// Schema 5: a reply keeps its cost and its reasoning, so both are still shown after
// a restart. cost_usd is the value the usage ledger records for the same call;
// replies made before this version take it from the ledger. Reasoning streamed
// before this version was never stored and stays unknown (null).
import type { Migration } from '../migrate';

export const replyCostReasoning: Migration = {
  version: 5,
  name: 'reply cost and reasoning',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN cost_usd REAL;
      ALTER TABLE messages ADD COLUMN reasoning TEXT;
      UPDATE messages SET cost_usd = u.cost_usd
        FROM usage_ledger u
        WHERE u.message_id = messages.id AND u.deleted = 0 AND u.cost_usd IS NOT NULL;
    `);
  },
};
