// Schema 6: the search index keeps 3-character prefixes only. The 2-character
// prefix index was a fifth of the work of indexing a large import, and a word of
// one or two letters still being typed now matches as a whole word
// (buildMatchQuery), so nothing uses it. The index is rebuilt in time order:
// FTS5 writes a new segment whenever a row id is lower than the last one, so
// rows in time order make one segment per transaction instead of thousands.
import type { Migration } from '../migrate';

export const searchPrefix: Migration = {
  version: 6,
  name: 'search index with 3-character prefixes only',
  up(db) {
    db.exec(`
      DROP TABLE messages_fts;
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        content,
        content = 'messages',
        content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '3'
      );
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('hashsize', 67108864);
      INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 8);
      INSERT INTO messages_fts (rowid, content)
        SELECT seq, content FROM messages WHERE deleted = 0 AND status != 'streaming' ORDER BY seq;
    `);
  },
};
