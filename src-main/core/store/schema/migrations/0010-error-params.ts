// Schema 10: a failed reply, pipeline run or step keeps its error's params (JSON),
// beside its code, so the renderer can word a stored error in the user's
// language. Errors stored before this version have none: the renderer shows
// their English message.
import type { Migration } from '../migrate';

export const errorParams: Migration = {
  version: 10,
  name: 'error params',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN error_params TEXT;
      ALTER TABLE pipeline_runs ADD COLUMN error_params TEXT;
      ALTER TABLE pipeline_run_steps ADD COLUMN error_params TEXT;
    `);
  },
};
