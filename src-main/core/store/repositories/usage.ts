// The usage ledger (append-only, one row per provider call) and the analytics
// read from it: totals per provider, model or day, and latency percentiles.
import type Database from 'better-sqlite3';
import type { CallOutcome, LatencyStats, UsageEntry, UsageGrouping, UsageQuery, UsageTotals } from '../../../../src-shared/entities/usage';
import type { FieldValue } from '../interfaces';
import type { SyncedRows } from './synced-rows';

interface UsageRow {
  id: string;
  provider_id: string | null;
  model: string;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  ttft_ms: number | null;
  duration_ms: number;
  outcome: CallOutcome;
  error_code: string | null;
  message_id: string | null;
  conversation_id: string | null;
  created_at: number;
}

const toEntry = (row: UsageRow): UsageEntry => ({
  id: row.id,
  providerId: row.provider_id,
  model: row.model,
  inputTokens: row.input_tokens,
  outputTokens: row.output_tokens,
  costUsd: row.cost_usd,
  ttftMs: row.ttft_ms,
  durationMs: row.duration_ms,
  outcome: row.outcome,
  errorCode: row.error_code,
  messageId: row.message_id,
  conversationId: row.conversation_id,
  createdAt: row.created_at,
});

type Window = Required<Pick<UsageQuery, 'limit'>> & UsageQuery;

/** The WHERE clause and parameters for a query's window and filters. */
function filters(query: UsageQuery): { where: string; params: Record<string, FieldValue> } {
  const where = ['deleted = 0'];
  const params: Record<string, FieldValue> = {};
  const filter = (clause: string, name: string, value: FieldValue | undefined) => {
    if (value === undefined) return;
    where.push(clause);
    params[name] = value;
  };
  filter('created_at >= @from', 'from', query.from);
  filter('created_at < @to', 'to', query.to);
  filter('provider_id = @provider', 'provider', query.providerId);
  filter('model = @model', 'model', query.model);
  return { where: where.join(' AND '), params };
}

const GROUP_KEY: Record<UsageGrouping, string> = {
  provider: "coalesce(provider_id, 'unknown')",
  model: 'model',
  day: "strftime('%Y-%m-%d', created_at / 1000, 'unixepoch')",
};

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export class UsageRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly rows: SyncedRows,
  ) {}

  append(entry: UsageEntry, spaceId: string): UsageEntry {
    this.rows.append('usage_ledger', entry.id, spaceId, {
      provider_id: entry.providerId,
      model: entry.model,
      input_tokens: entry.inputTokens,
      output_tokens: entry.outputTokens,
      cost_usd: entry.costUsd,
      ttft_ms: entry.ttftMs,
      duration_ms: entry.durationMs,
      outcome: entry.outcome,
      error_code: entry.errorCode,
      message_id: entry.messageId,
      conversation_id: entry.conversationId,
      created_at: entry.createdAt,
    });
    return toEntry(this.rows.find<UsageRow & { space_id: string; hlc: string; deleted: number }>('usage_ledger', entry.id)!);
  }

  query(query: Window): UsageEntry[] {
    const { where, params } = filters(query);
    const sql = `SELECT * FROM usage_ledger WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all({ ...params, limit: query.limit }) as UsageRow[]).map(toEntry);
  }

  totals(by: UsageGrouping, query: UsageQuery): UsageTotals[] {
    const { where, params } = filters(query);
    const sql = `SELECT ${GROUP_KEY[by]} AS key, count(*) AS calls,
        sum(outcome = 'error') AS errors,
        coalesce(sum(input_tokens), 0) AS inputTokens,
        coalesce(sum(output_tokens), 0) AS outputTokens,
        coalesce(sum(cost_usd), 0.0) AS costUsd
      FROM usage_ledger WHERE ${where} GROUP BY key ORDER BY ${by === 'day' ? 'key' : 'costUsd DESC, calls DESC, key'}`;
    return this.db.prepare(sql).all(params) as UsageTotals[];
  }

  latency(query: UsageQuery): LatencyStats[] {
    const { where, params } = filters(query);
    const rows = this.db
      .prepare(`SELECT model, ttft_ms, duration_ms FROM usage_ledger WHERE ${where} ORDER BY model`)
      .all(params) as { model: string; ttft_ms: number | null; duration_ms: number }[];
    const byModel = new Map<string, { ttft: number[]; duration: number[] }>();
    for (const row of rows) {
      let values = byModel.get(row.model);
      if (!values) byModel.set(row.model, (values = { ttft: [], duration: [] }));
      if (row.ttft_ms !== null) values.ttft.push(row.ttft_ms);
      values.duration.push(row.duration_ms);
    }
    return [...byModel].map(([model, { ttft, duration }]) => {
      ttft.sort((a, b) => a - b);
      duration.sort((a, b) => a - b);
      return {
        model,
        calls: duration.length,
        ttftP50Ms: percentile(ttft, 50),
        ttftP95Ms: percentile(ttft, 95),
        durationP50Ms: percentile(duration, 50),
        durationP95Ms: percentile(duration, 95),
      };
    });
  }
}
