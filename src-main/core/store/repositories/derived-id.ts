// Stable ids derived from names: the same parts give the same UUID-shaped id on
// every device and on every import of the same file.
import { createHash } from 'node:crypto';

export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Version 8 (custom) and the RFC 9562 variant, so it validates as a UUID.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A stable id that also sorts by time, laid out like a UUIDv7: the first 48 bits
 * are `ms`, the rest come from the parts' hash. Imported rows get these, so the
 * same source row always gets the same id, and a large import appends to the
 * indexes instead of writing all over them.
 */
export function derivedTimeId(ms: number, ...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const time = Math.max(0, Math.min(Math.floor(ms), 2 ** 48 - 1)).toString(16).padStart(12, '0');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
