// The usage ledger: one row per provider call, append-only, and the analytics
// computed from it.
import { z } from 'zod';
import { Id } from '../domain';

export const CallOutcome = z.enum(['done', 'error', 'interrupted', 'cancelled']);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const UsageEntry = z.object({
  id: Id,
  providerId: Id.nullable(),
  model: z.string().min(1).max(200),
  inputTokens: z.number().int().nonnegative().nullable(),
  outputTokens: z.number().int().nonnegative().nullable(),
  /** US dollars, from the catalog's prices; null when the price is unknown. */
  costUsd: z.number().nonnegative().nullable(),
  /** Time to first token. */
  ttftMs: z.number().nonnegative().nullable(),
  durationMs: z.number().nonnegative(),
  outcome: CallOutcome,
  errorCode: z.string().nullable(),
  messageId: Id.nullable(),
  conversationId: Id.nullable(),
  createdAt: z.number().int(),
});
export type UsageEntry = z.infer<typeof UsageEntry>;

/** A time window [from, to) in Unix ms, plus optional filters. */
export const UsageQuery = z
  .object({
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    providerId: Id.optional(),
    model: z.string().optional(),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();
export type UsageQuery = z.input<typeof UsageQuery>;

export const UsageGrouping = z.enum(['provider', 'model', 'day']);
export type UsageGrouping = z.infer<typeof UsageGrouping>;

export const UsageTotals = z.object({
  /** The provider id, model name or day (YYYY-MM-DD, UTC) this row sums up. */
  key: z.string(),
  calls: z.number().int(),
  errors: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number(),
});
export type UsageTotals = z.infer<typeof UsageTotals>;

export const LatencyStats = z.object({
  model: z.string(),
  calls: z.number().int(),
  ttftP50Ms: z.number().nullable(),
  ttftP95Ms: z.number().nullable(),
  durationP50Ms: z.number().nullable(),
  durationP95Ms: z.number().nullable(),
});
export type LatencyStats = z.infer<typeof LatencyStats>;
