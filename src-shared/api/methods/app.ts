import { z } from 'zod';
import { Empty } from './common';

export const appMethods = {
  'app.info': {
    input: Empty,
    output: z.object({
      version: z.string(),
      transport: z.enum(['electron', 'browser']),
      vaultBackend: z.string(),
    }),
  },
} as const;
