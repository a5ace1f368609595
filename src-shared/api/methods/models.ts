import { z } from 'zod';
import { ModelInfo, ModelOverride } from '../../catalog/schema';
import { Id, ProviderKind, UserError } from '../../domain';

export const ProviderKindView = z.object({
  kind: ProviderKind,
  label: z.string(),
  defaultBaseUrl: z.string().nullable(),
  baseUrlHint: z.string(),
  key: z.enum(['required', 'optional', 'none']),
  wire: z.string(),
  listing: z.enum(['live', 'catalog']),
  settings: z.array(z.string()),
  local: z.boolean(),
  sdkPackage: z.string(),
});

export const modelMethods = {
  /** Every provider kind with its defaults and settings (also importable from src-shared/catalog). */
  'model.kinds': { input: z.object({}).strict(), output: z.array(ProviderKindView) },
  /**
   * A provider's models: live from the provider where it lists them, else the catalog;
   * a failed live listing falls back to the catalog and says why in `problem`.
   */
  'model.list': {
    input: z.object({ providerId: Id }).strict(),
    output: z.object({ source: z.enum(['live', 'catalog']), models: z.array(ModelInfo), problem: UserError.nullable() }),
  },
  /** The built-in catalog with the user's overrides merged in; one kind or all. */
  'model.catalog': { input: z.object({ kind: ProviderKind.optional() }).strict(), output: z.array(ModelInfo) },
  /** Adds or replaces the user's entry for a model (a custom model, or other prices). */
  'model.saveOverride': { input: ModelOverride, output: ModelInfo },
  'model.deleteOverride': {
    input: z.object({ kind: ProviderKind, id: z.string().min(1).max(200) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
} as const;
