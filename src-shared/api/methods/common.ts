import { z } from 'zod';

export const Empty = z.object({}).strict();
