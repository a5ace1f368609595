// Claude's export (conversations.json): an array of conversations
// { uuid, name, created_at, updated_at, is_starred?, chat_messages: [{ uuid, text,
// sender, created_at, updated_at, content: [blocks], attachments, files }] }.
// Messages are a list; newer exports also name each message's parent
// (parent_message_uuid), which we honour. Content blocks: `text` is the message,
// `thinking` its reasoning; other blocks (tool_use, tool_result, ...) have no
// place in a conversation as shown and are left out with a note, as is a message
// from a sender other than human or assistant. A message's `attachments` (a file
// name and the text Claude extracted) and `files` (a name only: the export has
// no bytes) become its attachments.
import type { ImportNote } from '../../../../../src-shared/entities/transfer';
import { derivedTimeId } from '../../repositories/derived-id';
import {
  formatError,
  importNote,
  isObject,
  organisation,
  parentsFirst,
  toMs,
  type ImportedAttachment,
  type ImportedConversation,
  type ImportedMessage,
} from './types';

const ROOT_PARENT = '00000000-0000-4000-8000-000000000000';
const SENDERS: Record<string, ImportedMessage['role']> = { human: 'user', assistant: 'assistant' };

export const isClaude = (value: unknown) => isObject(value) && Array.isArray(value.chat_messages);

type Block = Record<string, unknown>;
const blocksOf = (message: Record<string, unknown>): Block[] => (Array.isArray(message.content) ? message.content.filter(isObject) : []);

/** The message's text: its text blocks, else its `text` field (older exports). */
function messageText(blocks: Block[], message: Record<string, unknown>): string {
  const texts = blocks.filter((block) => block.type === 'text' && typeof block.text === 'string').map((block) => block.text as string);
  if (texts.length > 0) return texts.join('\n\n');
  return typeof message.text === 'string' ? message.text : '';
}

function reasoningOf(blocks: Block[]): string | null {
  const thoughts = blocks.filter((block) => block.type === 'thinking' && typeof block.thinking === 'string').map((block) => block.thinking as string);
  return thoughts.length > 0 ? thoughts.join('\n\n') : null;
}

/** Block types left out, with how many of each. */
function leftOut(blocks: Block[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const block of blocks) {
    if (block.type === 'text' || block.type === 'thinking') continue;
    const type = typeof block.type === 'string' ? block.type : 'unnamed';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

const fileName = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 255) : fallback);

/** A message's `attachments` (extracted text) and `files` (names only) as attachments, ids derived from the message's. */
function attachmentsOf(message: Record<string, unknown>, sourceId: string, createdAt: number): ImportedAttachment[] {
  const found: ImportedAttachment[] = [];
  const id = () => derivedTimeId(createdAt, 'claude', sourceId, message.uuid as string, 'attachment', String(found.length));
  for (const attachment of Array.isArray(message.attachments) ? message.attachments.filter(isObject) : []) {
    const name = fileName(attachment.file_name, `attachment ${found.length + 1}.txt`);
    const text = typeof attachment.extracted_content === 'string' ? attachment.extracted_content : '';
    found.push({ id: id(), fileName: name, mime: 'text/plain', text });
  }
  for (const file of Array.isArray(message.files) ? message.files.filter(isObject) : []) {
    const name = fileName(file.file_name, `file ${found.length + 1}`);
    found.push({ id: id(), fileName: name, mime: 'text/plain', text: `[“${name}” was sent in Claude; the export does not include its contents.]` });
  }
  return found;
}

export function fromClaude(element: unknown, index: number): ImportedConversation {
  if (!isObject(element) || !Array.isArray(element.chat_messages)) throw formatError(index, undefined, 'it has no "chat_messages" list');
  if (typeof element.uuid !== 'string') throw formatError(index, element.name, 'it has no uuid');
  const sourceId = element.uuid;
  const createdAt = toMs(element.created_at, 'iso', 0);
  const messages: ImportedMessage[] = [];
  const notes: ImportNote[] = [];
  // Ids sort by time, so each message's id needs its time; a parent is named by uuid.
  const idOf = new Map<string, string>();
  element.chat_messages.forEach((raw, position) => {
    if (!isObject(raw) || typeof raw.uuid !== 'string') throw formatError(index, element.name, `message ${position + 1} has no uuid`);
    idOf.set(raw.uuid, derivedTimeId(toMs(raw.created_at, 'iso', createdAt), 'claude', sourceId, raw.uuid));
  });
  // A message left out hands its place in the tree to its parent.
  const skippedParent = new Map<string, string | null>();
  const parentOf = (uuid: string | null): string | null => {
    const seen = new Set<string>();
    let current = uuid;
    while (current !== null && skippedParent.has(current) && !seen.has(current)) {
      seen.add(current);
      current = skippedParent.get(current)!;
    }
    return current === null ? null : (idOf.get(current) ?? null);
  };
  let previous: string | null = null;
  element.chat_messages.forEach((raw, position) => {
    const message = raw as Record<string, unknown>;
    const uuid = message.uuid as string;
    const parentUuid =
      typeof message.parent_message_uuid === 'string' ? (message.parent_message_uuid === ROOT_PARENT ? null : message.parent_message_uuid) : previous;
    const role = typeof message.sender === 'string' ? SENDERS[message.sender] : undefined;
    if (!role) {
      notes.push(importNote('unknown-sender', index, element.name, { message: position + 1, name: String(message.sender).slice(0, 60) }));
      skippedParent.set(uuid, parentUuid);
      previous = uuid;
      return;
    }
    const blocks = blocksOf(message);
    for (const [type, count] of leftOut(blocks)) {
      notes.push(importNote('blocks-left-out', index, element.name, { message: position + 1, count, name: type.slice(0, 60) }));
    }
    const messageCreatedAt = toMs(message.created_at, 'iso', createdAt);
    messages.push({
      id: idOf.get(uuid)!,
      parentId: parentOf(parentUuid),
      role,
      content: messageText(blocks, message),
      status: 'done',
      model: null,
      createdAt: messageCreatedAt,
      updatedAt: Math.max(messageCreatedAt, toMs(message.updated_at, 'iso', messageCreatedAt)),
      reasoning: reasoningOf(blocks),
      attachments: attachmentsOf(message, sourceId, messageCreatedAt),
    });
    previous = uuid;
  });
  const extras = organisation(element.is_starred, element.is_archived);
  return {
    id: derivedTimeId(createdAt, 'claude', sourceId),
    title: typeof element.name === 'string' && element.name.trim() ? element.name : 'Untitled conversation',
    createdAt,
    updatedAt: toMs(element.updated_at, 'iso', createdAt),
    // The last message in the list is the branch Claude showed.
    shownLeafId: parentOf(previous),
    messages: parentsFirst(messages),
    ...(extras && { extras }),
    ...(notes.length > 0 && { notes }),
  };
}
