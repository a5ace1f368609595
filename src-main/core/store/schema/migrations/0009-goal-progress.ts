// Schema 9: a goal measures its progress, as a checklist of steps or a number to
// reach (src-shared/entities/goals.ts, stored as JSON). Goals made before this
// version have no measure.
import type { Migration } from '../migrate';

export const goalProgress: Migration = {
  version: 9,
  name: 'goal progress',
  up(db) {
    db.exec(`ALTER TABLE goals ADD COLUMN progress TEXT NOT NULL DEFAULT '{"kind":"none"}' CHECK (json_valid(progress));`);
  },
};
