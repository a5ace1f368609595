// Attachments: files stored content-addressed beside the database, by SHA-256.
import { z } from 'zod';
import { Id } from '../domain';

export const Attachment = z.object({
  id: Id,
  messageId: Id.nullable(),
  /** SHA-256 of the bytes, 64 lowercase hex; the file is attachments/<hash[0:2]>/<hash>. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
  fileName: z.string().min(1).max(500),
  createdAt: z.number().int(),
});
export type Attachment = z.infer<typeof Attachment>;
