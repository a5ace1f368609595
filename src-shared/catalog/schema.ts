// What the app knows about a model: its limits, what it can do and its price.
import { z } from 'zod';
import { ProviderKind } from '../domain';

export const ModelCapabilities = z.object({
  vision: z.boolean(),
  tools: z.boolean(),
  /** It thinks before answering, and the app asks for (and shows apart) its reasoning. */
  reasoning: z.boolean(),
});
export type ModelCapabilities = z.infer<typeof ModelCapabilities>;

/** US dollars per million tokens. */
export const ModelPrice = z.object({
  inputPerMTok: z.number().nonnegative().max(10_000),
  outputPerMTok: z.number().nonnegative().max(10_000),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

export const ModelSource = z.enum(['catalog', 'live', 'custom']);
export type ModelSource = z.infer<typeof ModelSource>;

export const ModelInfo = z.object({
  /** The id the provider's API takes (for Azure, the deployment name). */
  id: z.string().trim().min(1).max(200),
  kind: ProviderKind,
  label: z.string().max(200),
  contextWindow: z.number().int().positive().nullable(),
  maxOutputTokens: z.number().int().positive().nullable(),
  capabilities: ModelCapabilities,
  /** Null when the price is unknown: calls then have no cost. */
  price: ModelPrice.nullable(),
  /** "catalog": built in; "live": listed by the provider; "custom": the user's own entry. */
  source: ModelSource,
});
export type ModelInfo = z.infer<typeof ModelInfo>;

/** A user's entry for a model the catalog lacks or prices differently; it wins over the catalog. */
export const ModelOverride = ModelInfo.omit({ source: true }).extend({
  label: z.string().max(200).default(''),
  contextWindow: z.number().int().positive().nullable().default(null),
  maxOutputTokens: z.number().int().positive().nullable().default(null),
  capabilities: ModelCapabilities.default({ vision: false, tools: false, reasoning: false }),
});
export type ModelOverride = z.infer<typeof ModelOverride>;
