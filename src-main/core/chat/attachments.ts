// Files sent with a message: checked on the way in (size, type, text that really
// is text), stored beside the database, and turned into what a model reads: text
// files inlined with their names, images as image parts for models that take them.
import { readFile } from 'node:fs/promises';
import { AppError } from '../../../src-shared/api/errors';
import type { Message } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import { ATTACHMENT_LIMITS, isImageType, type Attachment, type AttachmentUpload } from '../../../src-shared/entities/attachments';
import type { ChatImage, ChatTurn } from '../providers/types';
import type { AttachmentStore } from '../store';
import type { ResolvedCall } from './call-config';

/** A file's bytes and what it is. */
export interface FileContent {
  fileName: string;
  mime: string;
  data: Uint8Array;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function isText(data: Uint8Array): boolean {
  try {
    return !strictUtf8.decode(data).includes('\u0000');
  } catch {
    return false;
  }
}

/** Decodes and checks a new message's files; the first that cannot go is refused with a sentence. */
export function decodeUploads(uploads: readonly AttachmentUpload[]): FileContent[] {
  return uploads.map((upload) => {
    const data = new Uint8Array(Buffer.from(upload.dataBase64, 'base64'));
    const name = upload.fileName;
    if (data.byteLength > ATTACHMENT_LIMITS.fileBytes) {
      throw new AppError(
        'attachment.too_large',
        `“${name}” is ${megabytes(data.byteLength)}; a file can be at most ${megabytes(ATTACHMENT_LIMITS.fileBytes)}. Attach a smaller one.`,
        { name, size: megabytes(data.byteLength), limit: megabytes(ATTACHMENT_LIMITS.fileBytes) },
      );
    }
    const mime = upload.mime.trim().toLowerCase();
    if (isImageType(mime)) return { fileName: name, mime, data };
    if (mime.startsWith('image/')) {
      throw new AppError('attachment.unsupported_image', `“${name}” is a ${mime} image, which models do not take. Send it as PNG, JPEG, GIF or WebP.`, { name, mime });
    }
    if (!isText(data)) {
      throw new AppError('attachment.unsupported', `“${name}” is neither an image nor a text file. Attach images (PNG, JPEG, GIF, WebP) or text files.`, { name });
    }
    return { fileName: name, mime: mime && mime !== 'application/octet-stream' ? mime : 'text/plain', data };
  });
}

/** Whether the call's model takes images: the catalog says; a model it does not know is given the benefit of the doubt. */
export function takesImages(call: ResolvedCall): boolean {
  return call.info?.capabilities.vision !== false;
}

/** Refuses to send an image to a model the catalog says cannot see it. */
export function refuseImagesFor(call: ResolvedCall, files: readonly FileContent[]): void {
  const image = files.find((file) => isImageType(file.mime));
  if (image && !takesImages(call)) {
    throw new AppError(
      'attachment.no_vision',
      `${call.model} does not take images, so “${image.fileName}” cannot be sent. Remove the image, or choose a model that takes images.`,
      { model: call.model, name: image.fileName },
    );
  }
}

export async function storeFiles(store: AttachmentStore, messageId: string, files: readonly FileContent[]): Promise<Attachment[]> {
  const stored: Attachment[] = [];
  for (const file of files) {
    stored.push(await store.putAttachment({ id: uuidv7(), messageId, mime: file.mime, fileName: file.fileName, source: { data: file.data } }));
  }
  return stored;
}

/** Reads stored attachments' bytes; a vanished file is the store's readable error. */
export async function loadFiles(store: AttachmentStore, attachments: readonly Attachment[]): Promise<FileContent[]> {
  return Promise.all(
    attachments.map(async (attachment) => {
      const { path } = await store.getAttachment(attachment.id);
      return { fileName: attachment.fileName, mime: attachment.mime, data: new Uint8Array(await readFile(path)) };
    }),
  );
}

/** A user's turn: the text, then each text file inlined under its name; images as image parts. */
export function userTurn(text: string, files: readonly FileContent[]): ChatTurn {
  const inlined = files
    .filter((file) => !isImageType(file.mime))
    .map((file) => `<file name="${file.fileName.replace(/"/g, "'")}">\n${lenientUtf8.decode(file.data)}\n</file>`);
  const images: ChatImage[] = files
    .filter((file) => isImageType(file.mime))
    .map((file) => ({ mediaType: file.mime, data: file.data, fileName: file.fileName }));
  return { role: 'user', content: [text, ...inlined].join('\n\n'), ...(images.length > 0 && { images }) };
}

/**
 * A branch of the tree (root first) as the turns a provider is sent, files
 * included; empty and failed replies are left out.
 */
export async function contextOf(store: AttachmentStore, branch: readonly Message[]): Promise<ChatTurn[]> {
  const kept = branch.filter((m) => m.content.length > 0 && !(m.role === 'assistant' && m.status === 'error'));
  const prompts = kept.filter((m) => m.role === 'user').map((m) => m.id);
  const attachments = prompts.length > 0 ? await store.listAttachmentsOf(prompts) : [];
  const byMessage = new Map<string, Attachment[]>();
  for (const attachment of attachments) {
    const list = byMessage.get(attachment.messageId!) ?? [];
    list.push(attachment);
    byMessage.set(attachment.messageId!, list);
  }
  return Promise.all(
    kept.map(async (m) => {
      const files = byMessage.get(m.id);
      if (m.role === 'user' && files) return userTurn(m.content, await loadFiles(store, files));
      return { role: m.role, content: m.content };
    }),
  );
}

/** The turns as this call's model can read them: images left out, with a note, for a model that takes none. */
export function turnsFor(call: ResolvedCall, turns: readonly ChatTurn[]): ChatTurn[] {
  if (takesImages(call)) return [...turns];
  return turns.map((turn) => {
    if (!turn.images?.length) return turn;
    const notes = turn.images.map((image) => `[The image “${image.fileName}” was left out: ${call.model} does not take images.]`);
    return { role: turn.role, content: [...notes, turn.content].join('\n\n') };
  });
}
