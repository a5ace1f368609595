import { z } from 'zod';
import { Id, KeyStatus } from '../../domain';
import { Empty } from './common';

export const vaultMethods = {
  'vault.list': {
    input: Empty,
    output: z.array(KeyStatus),
  },
  'vault.setKey': {
    input: z.object({ provider: Id, key: z.string().min(1).max(4096) }).strict(),
    output: KeyStatus,
  },
  'vault.deleteKey': {
    input: z.object({ provider: Id }).strict(),
    output: KeyStatus,
  },
} as const;
