import { z } from 'zod';
import { LatencyStats, UsageEntry, UsageGrouping, UsageQuery, UsageTotals } from '../../entities/usage';

const Window = UsageQuery.omit({ limit: true });

export const analyticsMethods = {
  /** Calls, tokens and cost per provider, model or UTC day, in a window. */
  'analytics.totals': { input: Window.extend({ by: UsageGrouping }).strict(), output: z.array(UsageTotals) },
  /** Time to first token and duration, p50 and p95, per model. */
  'analytics.latency': { input: Window.strict(), output: z.array(LatencyStats) },
  /** The ledger's rows, newest first. */
  'analytics.ledger': { input: UsageQuery, output: z.array(UsageEntry) },
} as const;
