// Claude's export (conversations.json): an array of conversations
// { uuid, name, created_at, updated_at, chat_messages: [{ uuid, text, sender,
// created_at, content: [{ type: 'text', text }] }] }. Messages are a list; newer
// exports also name each message's parent (parent_message_uuid), which we honour.
import { derivedTimeId } from '../../repositories/derived-id';
import { formatError, isObject, parentsFirst, toMs, type ImportedConversation, type ImportedMessage } from './types';

const ROOT_PARENT = '00000000-0000-4000-8000-000000000000';

export const isClaude = (value: unknown) => isObject(value) && Array.isArray(value.chat_messages);

function messageText(message: Record<string, unknown>): string {
  if (Array.isArray(message.content)) {
    const texts = message.content
      .filter((block): block is Record<string, unknown> => isObject(block) && block.type === 'text' && typeof block.text === 'string')
      .map((block) => block.text as string);
    if (texts.length > 0) return texts.join('\n\n');
  }
  return typeof message.text === 'string' ? message.text : '';
}

export function fromClaude(element: unknown, index: number): ImportedConversation {
  if (!isObject(element) || !Array.isArray(element.chat_messages)) throw formatError(index, undefined, 'it has no "chat_messages" list');
  if (typeof element.uuid !== 'string') throw formatError(index, element.name, 'it has no uuid');
  const sourceId = element.uuid;
  const createdAt = toMs(element.created_at, 'iso', 0);
  const messages: ImportedMessage[] = [];
  // Ids sort by time, so each message's id needs its time; a parent is named by uuid.
  const idOf = new Map<string, string>();
  element.chat_messages.forEach((raw, position) => {
    if (!isObject(raw) || typeof raw.uuid !== 'string') throw formatError(index, element.name, `message ${position + 1} has no uuid`);
    idOf.set(raw.uuid, derivedTimeId(toMs(raw.created_at, 'iso', createdAt), 'claude', sourceId, raw.uuid));
  });
  let previous: string | null = null;
  element.chat_messages.forEach((raw, position) => {
    const message = raw as Record<string, unknown>;
    if (message.sender !== 'human' && message.sender !== 'assistant') {
      throw formatError(index, element.name, `message ${position + 1} has sender "${String(message.sender)}", expected human or assistant`);
    }
    const id = idOf.get(message.uuid as string)!;
    const parent =
      typeof message.parent_message_uuid === 'string'
        ? message.parent_message_uuid === ROOT_PARENT
          ? null
          : (idOf.get(message.parent_message_uuid) ?? null)
        : previous;
    messages.push({
      id,
      parentId: parent,
      role: message.sender === 'human' ? 'user' : 'assistant',
      content: messageText(message),
      status: 'done',
      model: null,
      createdAt: toMs(message.created_at, 'iso', createdAt),
    });
    previous = id;
  });
  return {
    id: derivedTimeId(createdAt, 'claude', sourceId),
    title: typeof element.name === 'string' && element.name.trim() ? element.name : 'Untitled conversation',
    createdAt,
    updatedAt: toMs(element.updated_at, 'iso', createdAt),
    // The last message in the list is the branch Claude showed.
    shownLeafId: previous,
    messages: parentsFirst(messages),
  };
}
