// Kind-specific provider settings (API version, extra headers). Never a key: a
// header that looks like a credential is refused, keys belong in the vault.
import { z } from 'zod';

const CREDENTIAL_HEADER = /authorization|api[-_]?key|token|secret|password|cookie/i;

export const ProviderSettings = z
  .object({
    apiVersion: z.string().max(100),
    organization: z.string().max(200),
    project: z.string().max(200),
    region: z.string().max(100),
    deployment: z.string().max(200),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'must be a header name'), z.string().max(4000))
      .refine((headers) => Object.keys(headers).every((name) => !CREDENTIAL_HEADER.test(name)), {
        message: 'must not carry a key or token: keys are kept in the vault, not in provider settings',
      }),
  })
  .partial()
  .strict();
export type ProviderSettings = z.infer<typeof ProviderSettings>;
