// What a message may carry, without zod: the renderer imports these, and a module
// of zod schemas would bring zod's whole library into its start-up bundle.
/** Image types every provider that takes images accepts; they go to the model as image parts. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

export function isImageType(mime: string): boolean {
  return (IMAGE_TYPES as readonly string[]).includes(mime.toLowerCase());
}

/**
 * What one message may carry. The bytes travel base64-encoded in one request,
 * which the browser host caps at 16 MB together with the text.
 */
export const ATTACHMENT_LIMITS = {
  count: 8,
  fileBytes: 4 * 1024 * 1024,
  totalBytes: 5 * 1024 * 1024,
} as const;
