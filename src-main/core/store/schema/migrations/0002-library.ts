// Schema 2: everything a conversation library needs. Messages are rebuilt so their
// rowid (`seq`) is time-ordered: created_at * 1024 plus a counter, which lets the
// search index (schema 3) walk newest-first without sorting.
// Synced tables carry space_id, hlc and deleted; vault_records is local only.
import type { Migration } from '../migrate';

const SYNCED = `
  space_id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))`;

export const library: Migration = {
  version: 2,
  name: 'library: time-ordered messages, folders, tags, personas, pipelines, goals, compare, usage, attachments, settings, vault records',
  up(db) {
    db.exec(`
      CREATE TABLE messages_v2 (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
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
      INSERT INTO messages_v2 (seq, id, space_id, conversation_id, parent_id, role, content, status, provider_id, model,
          error_code, error_message, input_tokens, output_tokens, created_at, updated_at, hlc, deleted)
        SELECT created_at * 1024 + ROW_NUMBER() OVER (PARTITION BY created_at ORDER BY id) - 1,
          id, space_id, conversation_id, parent_id, role, content, status, provider_id, model,
          error_code, error_message, input_tokens, output_tokens, created_at, updated_at, hlc, deleted
        FROM messages;
      DROP TABLE messages;
      ALTER TABLE messages_v2 RENAME TO messages;
      CREATE INDEX messages_by_conversation ON messages (conversation_id);
      CREATE INDEX messages_by_parent ON messages (parent_id);
      CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';

      -- folder_id, persona_id and shown_leaf_id are not foreign keys: synced rows may
      -- arrive in any order, and a dangling id reads as "none".
      ALTER TABLE conversations ADD COLUMN folder_id TEXT;
      ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
      ALTER TABLE conversations ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
      ALTER TABLE conversations ADD COLUMN persona_id TEXT;
      ALTER TABLE conversations ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE conversations ADD COLUMN shown_leaf_id TEXT;
      CREATE INDEX conversations_listing ON conversations (archived, pinned DESC, updated_at DESC, hlc DESC) WHERE deleted = 0;
      CREATE INDEX conversations_by_folder ON conversations (folder_id, updated_at DESC) WHERE deleted = 0;

      CREATE TABLE folders (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        parent_id TEXT,
        position REAL NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;

      -- A tag's id is derived from its space and lower-cased name, so two devices
      -- that make the same tag make the same row.
      CREATE TABLE tags (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        color TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;
      CREATE TABLE conversation_tags (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        tag_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;
      CREATE INDEX conversation_tags_by_conversation ON conversation_tags (conversation_id);
      CREATE INDEX conversation_tags_by_tag ON conversation_tags (tag_id);

      CREATE TABLE personas (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        system_prompt TEXT NOT NULL,
        icon TEXT,
        settings TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;

      CREATE TABLE pipelines (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        steps TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;
      CREATE TABLE pipeline_runs (
        id TEXT PRIMARY KEY,
        pipeline_id TEXT NOT NULL,
        conversation_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'error', 'cancelled', 'interrupted')),
        input TEXT NOT NULL,
        error_code TEXT,
        error_message TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,${SYNCED}
      ) STRICT;
      CREATE INDEX pipeline_runs_by_pipeline ON pipeline_runs (pipeline_id, started_at DESC);
      CREATE INDEX pipeline_runs_running ON pipeline_runs (status) WHERE status = 'running';
      CREATE TABLE pipeline_run_steps (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        step_index INTEGER NOT NULL,
        step_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'error', 'cancelled', 'interrupted')),
        output TEXT NOT NULL DEFAULT '',
        message_id TEXT,
        provider_id TEXT,
        model TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        error_code TEXT,
        error_message TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,${SYNCED},
        UNIQUE (run_id, step_index)
      ) STRICT;

      CREATE TABLE goals (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('active', 'done', 'archived')),
        target_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;
      CREATE TABLE goal_links (
        id TEXT PRIMARY KEY,
        goal_id TEXT NOT NULL,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('conversation', 'pipeline_run')),
        target_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;
      CREATE INDEX goal_links_by_goal ON goal_links (goal_id);
      CREATE INDEX goal_links_by_target ON goal_links (target_kind, target_id);

      CREATE TABLE compare_runs (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        prompt_message_id TEXT NOT NULL,
        reply_message_ids TEXT NOT NULL,
        blind INTEGER NOT NULL CHECK (blind IN (0, 1)),
        created_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;
      CREATE INDEX compare_runs_by_conversation ON compare_runs (conversation_id, created_at);
      CREATE TABLE compare_votes (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        winner_message_id TEXT,
        ranking TEXT NOT NULL,
        created_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;
      CREATE INDEX compare_votes_by_run ON compare_votes (run_id);

      ALTER TABLE providers ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';

      -- One row per provider call. Append-only: rows are never updated.
      CREATE TABLE usage_ledger (
        id TEXT PRIMARY KEY,
        provider_id TEXT,
        model TEXT NOT NULL,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cost_usd REAL,
        ttft_ms REAL,
        duration_ms REAL NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('done', 'error', 'interrupted', 'cancelled')),
        error_code TEXT,
        message_id TEXT,
        conversation_id TEXT,
        created_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;
      CREATE INDEX usage_by_time ON usage_ledger (created_at);
      CREATE INDEX usage_by_model ON usage_ledger (model, created_at);

      -- The bytes live in attachments/<hash[0:2]>/<hash> beside the database.
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        message_id TEXT,
        hash TEXT NOT NULL CHECK (length(hash) = 64),
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        created_at INTEGER NOT NULL,${SYNCED}
      ) STRICT;
      CREATE INDEX attachments_by_message ON attachments (message_id);
      CREATE INDEX attachments_by_hash ON attachments (hash);

      -- synced = 1: chosen by the user, follows them to other devices (space_id and
      -- hlc set). synced = 0: about this device only (space_id and hlc null).
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        synced INTEGER NOT NULL CHECK (synced IN (0, 1)),
        updated_at INTEGER NOT NULL,
        space_id TEXT,
        hlc TEXT,
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
      ) STRICT;

      -- LOCAL ONLY: never synced, never in the outbox. Key metadata, and the
      -- safeStorage ciphertext for that backend; never a plaintext key.
      CREATE TABLE vault_records (
        id TEXT PRIMARY KEY,
        provider_id TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        backend TEXT NOT NULL,
        hint TEXT,
        encrypted BLOB,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (provider_id, label)
      ) STRICT;
    `);
  },
};
