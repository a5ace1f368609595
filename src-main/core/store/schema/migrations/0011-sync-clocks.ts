// Schema 11: what the sync client keeps beside the synced rows. `sync_clocks`
// holds, for a row whose columns were written at different clocks, the clock of
// each column (JSON; the key "*" is the clock of every column not listed); a row
// without an entry had all its columns written by the change that set its `hlc`.
// `sync_cursors` is each space's pull position, moved in the transaction that
// applies a page, and the snapshot under way when a first sync was cut off.
import type { Migration } from '../migrate';

export const syncClocks: Migration = {
  version: 11,
  name: 'sync clocks and cursors',
  up(db) {
    db.exec(`
      CREATE TABLE sync_clocks (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        clocks TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id)
      ) WITHOUT ROWID, STRICT;
      CREATE TABLE sync_cursors (
        space_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL DEFAULT 0,
        snapshot_seq INTEGER,
        snapshot_cursor TEXT,
        snapshot_done INTEGER NOT NULL DEFAULT 0 CHECK (snapshot_done IN (0, 1))
      ) STRICT;
    `);
  },
};
