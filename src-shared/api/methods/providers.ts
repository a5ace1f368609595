import { z } from 'zod';
import { HttpUrl, Id, ProviderKind, ProviderView } from '../../domain';
import { ProviderSettings } from '../../entities/provider-settings';
import { Empty } from './common';

/** A provider as the renderer sees it: its key status and kind-specific settings, never its key. */
export const ProviderDetails = ProviderView.extend({ settings: ProviderSettings });
export type ProviderDetails = z.infer<typeof ProviderDetails>;

/** A provider's values as the form holds them, before (or instead of) saving. */
export const ProviderDraft = z
  .object({
    kind: ProviderKind.default('openai-compatible'),
    baseUrl: HttpUrl.optional(),
    model: z.string().trim().min(1, 'needs a model name').max(200),
    // Write-only, like provider.save's: used for this one call, never kept.
    apiKey: z.string().max(4096).optional(),
    settings: ProviderSettings.optional(),
  })
  .strict();
export type ProviderDraft = z.infer<typeof ProviderDraft>;

export const providerMethods = {
  'provider.list': {
    input: Empty,
    output: z.array(ProviderDetails),
  },
  'provider.save': {
    input: z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1, 'needs a name').max(100),
        kind: ProviderKind.default('openai-compatible'),
        /** Defaults to the kind's own (src-shared/catalog/kinds.ts); required for Azure and OpenAI-compatible servers. */
        baseUrl: HttpUrl.optional(),
        model: z.string().trim().min(1, 'needs a model name').max(200),
        // Write-only: goes straight to the vault, never comes back.
        apiKey: z.string().max(4096).optional(),
        /** API version, organization, project, extra headers; replaces the saved ones when given. */
        settings: ProviderSettings.optional(),
      })
      .strict(),
    output: ProviderDetails,
  },
  'provider.delete': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  /**
   * Tests a connection and saves nothing. With `draft`, the form's values as typed
   * (its key, or else the saved provider's); without, the saved provider `id`.
   */
  'provider.test': {
    input: z.object({ id: Id.optional(), draft: ProviderDraft.optional() }).strict(),
    output: z.object({ ok: z.literal(true), model: z.string(), reply: z.string(), latencyMs: z.number() }),
  },
} as const;
