import { z } from 'zod';
import { HttpUrl, Id, ProviderKind, ProviderView } from '../../domain';
import { Empty } from './common';

export const providerMethods = {
  'provider.list': {
    input: Empty,
    output: z.array(ProviderView),
  },
  'provider.save': {
    input: z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1, 'needs a name').max(100),
        kind: ProviderKind.default('openai-compatible'),
        baseUrl: HttpUrl,
        model: z.string().trim().min(1, 'needs a model name').max(200),
        // Write-only: goes straight to the vault, never comes back.
        apiKey: z.string().max(4096).optional(),
      })
      .strict(),
    output: ProviderView,
  },
  'provider.delete': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  'provider.test': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ ok: z.literal(true), model: z.string(), reply: z.string(), latencyMs: z.number() }),
  },
} as const;
