// The synced tables and their columns, as the desktop store's migrations define
// them (src-main/core/store/migrations). `id`, `space_id`, `hlc` and `deleted` are
// never fields: the change carries them. A store-local column (messages.seq,
// settings.synced) is not here either. Both ends refuse a change that names a
// table or column outside this file, or gives a column a value its type refuses.

export type ColumnType = 'string' | 'integer' | 'real';

export interface Column {
  type: ColumnType;
  nullable: boolean;
  /** The values a CHECK constraint allows, when it lists them. */
  values?: readonly (string | number)[];
  /** A pattern a string must match (a CHECK on its shape). */
  pattern?: RegExp;
}

/** A column value as a change carries it. */
export type FieldValue = string | number | null;

const text: Column = { type: 'string', nullable: false };
const textOrNull: Column = { type: 'string', nullable: true };
const int: Column = { type: 'integer', nullable: false };
const intOrNull: Column = { type: 'integer', nullable: true };
const real: Column = { type: 'real', nullable: false };
const realOrNull: Column = { type: 'real', nullable: true };
const flag: Column = { type: 'integer', nullable: false, values: [0, 1] };
const oneOf = (...values: string[]): Column => ({ type: 'string', nullable: false, values });

const RUN_STATUS = oneOf('running', 'done', 'error', 'cancelled', 'interrupted');

export const SYNC_SCHEMA = {
  conversations: {
    title: text, created_at: int, updated_at: int, folder_id: textOrNull, pinned: flag, archived: flag,
    persona_id: textOrNull, settings: text, shown_leaf_id: textOrNull,
  },
  messages: {
    conversation_id: text, parent_id: textOrNull, role: oneOf('system', 'user', 'assistant'), content: text,
    status: oneOf('streaming', 'done', 'error', 'interrupted'), provider_id: textOrNull, model: textOrNull,
    error_code: textOrNull, error_message: textOrNull, input_tokens: intOrNull, output_tokens: intOrNull,
    cost_usd: realOrNull, reasoning: textOrNull, ttft_ms: realOrNull, created_at: int, updated_at: int,
  },
  providers: { name: text, kind: text, base_url: text, model: text, settings: text, created_at: int, updated_at: int },
  folders: { name: text, parent_id: textOrNull, position: real, created_at: int, updated_at: int },
  tags: { name: text, color: textOrNull, created_at: int, updated_at: int },
  conversation_tags: { conversation_id: text, tag_id: text, created_at: int },
  personas: {
    name: text, description: text, system_prompt: text, icon: textOrNull, settings: text, created_at: int, updated_at: int,
  },
  pipelines: { name: text, description: text, steps: text, created_at: int, updated_at: int },
  pipeline_runs: {
    pipeline_id: text, conversation_id: textOrNull, status: RUN_STATUS, input: text, error_code: textOrNull,
    error_message: textOrNull, started_at: int, finished_at: intOrNull,
  },
  pipeline_run_steps: {
    run_id: text, step_index: int, step_id: text, status: RUN_STATUS, output: text, message_id: textOrNull,
    provider_id: textOrNull, model: textOrNull, input_tokens: intOrNull, output_tokens: intOrNull,
    error_code: textOrNull, error_message: textOrNull, started_at: int, finished_at: intOrNull,
  },
  goals: {
    title: text, description: text, status: oneOf('active', 'done', 'archived'), target_at: intOrNull,
    progress: text, created_at: int, updated_at: int,
  },
  goal_links: { goal_id: text, target_kind: oneOf('conversation', 'pipeline_run'), target_id: text, created_at: int },
  compare_runs: {
    conversation_id: text, prompt_message_id: text, reply_message_ids: text, blind: flag, created_at: int,
  },
  compare_votes: { run_id: text, winner_message_id: textOrNull, ranking: text, created_at: int },
  usage_ledger: {
    provider_id: textOrNull, model: text, input_tokens: intOrNull, output_tokens: intOrNull, cost_usd: realOrNull,
    ttft_ms: realOrNull, duration_ms: real, outcome: oneOf('done', 'error', 'interrupted', 'cancelled'),
    error_code: textOrNull, message_id: textOrNull, conversation_id: textOrNull, created_at: int,
  },
  attachments: {
    message_id: textOrNull, hash: { type: 'string', nullable: false, pattern: /^[0-9a-f]{64}$/ }, mime: text, size: int,
    file_name: text, created_at: int,
  },
  // Only rows the user chose to sync (synced = 1); the row id is the setting's key.
  settings: { value: text, updated_at: int },
} as const satisfies Record<string, Record<string, Column>>;

export type SyncedTable = keyof typeof SYNC_SCHEMA;

export const SYNCED_TABLES = Object.keys(SYNC_SCHEMA) as SyncedTable[];

export function isSyncedTable(name: string): name is SyncedTable {
  return Object.prototype.hasOwnProperty.call(SYNC_SCHEMA, name);
}

/** Why a column's value is refused, or null when the column takes it. */
export function checkValue(column: Column, value: unknown): string | null {
  if (value === null) return column.nullable ? null : 'may not be null';
  switch (column.type) {
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      if (column.pattern && !column.pattern.test(value)) return `does not have the expected form (${column.pattern.source})`;
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be a whole number';
      break;
    case 'real':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
      break;
  }
  if (column.values && !column.values.includes(value as string | number)) return `must be one of ${column.values.join(', ')}`;
  return null;
}

/** Why a change's table or fields are refused, or null when the schema takes them. */
export function checkFields(table: string, fields: Record<string, unknown>): string | null {
  if (!isSyncedTable(table)) return `table "${table}" does not sync`;
  const columns: Record<string, Column> = SYNC_SCHEMA[table];
  for (const [name, value] of Object.entries(fields)) {
    if (!Object.prototype.hasOwnProperty.call(columns, name)) return `table "${table}" has no synced column "${name}"`;
    const problem = checkValue(columns[name]!, value);
    if (problem) return `${table}.${name} ${problem}`;
  }
  return null;
}
