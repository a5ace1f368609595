// Schema 1: conversations, messages, provider configurations, meta and the outbox.
// Synced tables (see docs/SYNC.md) carry space_id, hlc and a deleted tombstone.
import type { Migration } from '../migrate';

export const initial: Migration = {
  version: 1,
  name: 'conversations, messages, providers, meta, outbox',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        space_id TEXT NOT NULL,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX conversations_recent ON conversations (updated_at DESC, hlc DESC) WHERE deleted = 0;

      -- provider_id is not a foreign key: a message keeps naming the provider that
      -- wrote it after that configuration is deleted, or when it lives on another device.
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        space_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        parent_id TEXT REFERENCES messages (id),
        role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
        content TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('streaming', 'done', 'error', 'interrupted')),
        provider_id TEXT,
        model TEXT,
        error_code TEXT,
        error_message TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
      CREATE INDEX messages_by_conversation ON messages (conversation_id, id);
      CREATE INDEX messages_by_parent ON messages (parent_id);
      CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';

      -- Provider configurations only: API keys live in the vault, never here.
      CREATE TABLE providers (
        id TEXT PRIMARY KEY,
        space_id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        base_url TEXT NOT NULL,
        model TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;

      -- Local changes to synced tables, oldest first, until the server acknowledges them.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        space_id TEXT NOT NULL,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        fields TEXT NOT NULL,
        hlc TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;
    `);
  },
};
