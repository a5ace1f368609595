// Files the user attaches to a message: read here, checked before anything is sent
// (size, type, text that really is text), and whether the chosen model takes images.
// The core checks all of it again; this is for saying so at once.
import type { ProviderKind } from '../../src-shared/domain';
import { findModel } from '../../src-shared/catalog/lookup';
import type { ModelInfo } from '../../src-shared/catalog/schema';
import { ATTACHMENT_LIMITS, isImageType } from '../../src-shared/entities/attachment-limits';
import type { Attachment, AttachmentUpload } from '../../src-shared/entities/attachments';
import { numberFormat } from '../i18n/number-format';

export interface PendingFile extends AttachmentUpload {
  /** Tells chips apart when two files share a name. */
  key: string;
  size: number;
  image: boolean;
}

export type FileProblem =
  | { kind: 'tooLarge'; fileName: string; size: number }
  | { kind: 'tooMany' }
  | { kind: 'totalTooLarge'; size: number }
  | { kind: 'unsupported'; fileName: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function looksLikeText(bytes: Uint8Array): boolean {
  try {
    return !strictUtf8.decode(bytes).includes('\u0000');
  } catch {
    return false;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

let keySeq = 0;

/** One file as it will be sent, or what is wrong with it. */
export async function readFile(file: Pick<File, 'name' | 'type' | 'size' | 'arrayBuffer'>): Promise<PendingFile | FileProblem> {
  const fileName = file.name || 'file';
  if (file.size > ATTACHMENT_LIMITS.fileBytes) return { kind: 'tooLarge', fileName, size: file.size };
  const mime = file.type.toLowerCase();
  if (mime.startsWith('image/') && !isImageType(mime)) return { kind: 'unsupported', fileName };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const image = isImageType(mime);
  if (!image && !looksLikeText(bytes)) return { kind: 'unsupported', fileName };
  return { key: `file-${++keySeq}`, fileName, mime, size: bytes.byteLength, image, dataBase64: toBase64(bytes) };
}

/** Adds files to those already attached, within the count and total limits. */
export function withFiles(current: readonly PendingFile[], read: readonly (PendingFile | FileProblem)[]): { files: PendingFile[]; problems: FileProblem[] } {
  const files = [...current];
  const problems: FileProblem[] = [];
  for (const item of read) {
    if (!('key' in item)) {
      problems.push(item);
      continue;
    }
    if (files.length >= ATTACHMENT_LIMITS.count) {
      if (!problems.some((p) => p.kind === 'tooMany')) problems.push({ kind: 'tooMany' });
      continue;
    }
    const total = files.reduce((sum, f) => sum + f.size, 0) + item.size;
    if (total > ATTACHMENT_LIMITS.totalBytes) {
      problems.push({ kind: 'totalTooLarge', size: total });
      continue;
    }
    files.push(item);
  }
  return { files, problems };
}

/** Whether a model takes images: the catalog (with the user's own entries) says; an unknown model may. */
export function takesImages(kind: ProviderKind, model: string, custom: readonly ModelInfo[]): boolean {
  return findModel(kind, model, custom)?.capabilities.vision !== false;
}

/** What goes with the message: images only when the model takes them. */
export function uploadsOf(files: readonly PendingFile[], images: boolean): AttachmentUpload[] {
  return files.filter((f) => images || !f.image).map(({ fileName, mime, dataBase64 }) => ({ fileName, mime, dataBase64 }));
}

/** A conversation's attachments by the message they belong to. */
export function attachmentsByMessage(attachments: readonly Attachment[]): Record<string, Attachment[]> {
  const byMessage: Record<string, Attachment[]> = {};
  for (const attachment of attachments) {
    if (attachment.messageId) (byMessage[attachment.messageId] ??= []).push(attachment);
  }
  return byMessage;
}

/** "12 KB", "1.5 MB". */
export function sizeText(bytes: number, language: string): string {
  const format = (value: number, unit: string, digits: number) =>
    `${numberFormat(language, { maximumFractionDigits: digits }).format(value)} ${unit}`;
  if (bytes < 1024) return format(bytes, 'B', 0);
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'KB', 0);
  return format(bytes / 1024 / 1024, 'MB', 1);
}
