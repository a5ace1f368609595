// Schema 4: search index settings for large histories. A 64 MB buffer of pending
// index entries (FTS5's default is 1 MB) and less eager merging of index segments
// make an import of a million messages several times faster, at no measurable cost
// to query time. Both are stored in the index's own config table.
import type { Migration } from '../migrate';

export const searchTuning: Migration = {
  version: 4,
  name: 'search index tuned for large imports',
  up(db) {
    db.exec(`
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', 67108864);
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 8);
    `);
  },
};
