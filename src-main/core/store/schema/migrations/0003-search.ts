// Schema 3: full-text search over message text. An external-content FTS5 index
// (the text is stored once, in messages) keyed by messages.seq, with 2- and
// 3-character prefix indexes so search-as-you-type stays fast. Streaming and
// tombstoned messages are not indexed; triggers keep the index in step.
import type { Migration } from '../migrate';

const INDEXED_NEW = "new.deleted = 0 AND new.status != 'streaming'";
const INDEXED_OLD = "old.deleted = 0 AND old.status != 'streaming'";

export const search: Migration = {
  version: 3,
  name: 'full-text search over messages',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        content,
        content = 'messages',
        content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      INSERT INTO messages_fts (rowid, content)
        SELECT seq, content FROM messages WHERE deleted = 0 AND status != 'streaming';

      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN ${INDEXED_NEW}
      BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
      END;
      -- One trigger, so the old text leaves the index before the new text enters it.
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, status, deleted ON messages
        WHEN (${INDEXED_OLD}) OR (${INDEXED_NEW})
      BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
          SELECT 'delete', old.seq, old.content WHERE (${INDEXED_OLD}) AND (new.content IS NOT old.content OR NOT (${INDEXED_NEW}));
        INSERT INTO messages_fts (rowid, content)
          SELECT new.seq, new.content WHERE (${INDEXED_NEW}) AND (new.content IS NOT old.content OR NOT (${INDEXED_OLD}));
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN ${INDEXED_OLD}
      BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
      END;
    `);
  },
};
