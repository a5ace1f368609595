// Attachments: files stored content-addressed beside the database, by SHA-256.
import { z } from 'zod';
import { Id } from '../domain';
import { ATTACHMENT_LIMITS } from './attachment-limits';

// Re-exported: the renderer imports them from attachment-limits.ts, which has no zod.
export { ATTACHMENT_LIMITS, IMAGE_TYPES, isImageType } from './attachment-limits';

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

/** A file sent with a message: anything that is not an image must be UTF-8 text. */
export const AttachmentUpload = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** The browser's type for the file; empty when it did not know (text files often). */
  mime: z.string().max(200),
  dataBase64: z
    .string()
    .max(Math.ceil(ATTACHMENT_LIMITS.fileBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});
export type AttachmentUpload = z.infer<typeof AttachmentUpload>;

/** Bytes of a base64 string without decoding it. */
export function base64Size(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}
