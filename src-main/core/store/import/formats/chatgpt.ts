// ChatGPT's export (conversations.json): an array of conversations, each a
// `mapping` of nodes { id, message, parent, children } forming a tree, and
// `current_node`, the leaf of the branch the user last saw. Messages become our
// message tree (edits and regenerations stay siblings), current_node the shown branch.
// Also kept: `is_archived` and `is_starred` (archived, pinned), the title, each
// message's create_time and update_time, and its model (metadata.model_slug, else
// the conversation's default_model_slug for a reply).
// Reasoning models (o1, o3...) export their thinking as messages of its own before
// the reply: `thoughts` (content.thoughts[], each a summary and its content) and
// `reasoning_recap` ("Thought for 12 seconds", in content.content). Both become the
// reasoning of the next reply below them, as Claude's thinking blocks do; thinking
// with no reply after it is left out with a note.
import { derivedTimeId } from '../../repositories/derived-id';
import {
  formatError,
  importNote,
  isObject,
  organisation,
  parentsFirst,
  toMs,
  type ImportedConversation,
  type ImportedMessage,
  type ImportedRole,
} from './types';

/** True when the element looks like a ChatGPT conversation. */
export const isChatGpt = (value: unknown) => isObject(value) && isObject(value.mapping);

/** Text of a message's content; non-text parts (images, files) become a short placeholder. */
function contentText(content: unknown): string {
  if (!isObject(content)) return '';
  const type = content.content_type;
  if (type === 'code' && typeof content.text === 'string') return '```' + (typeof content.language === 'string' && content.language !== 'unknown' ? content.language : '') + '\n' + content.text + '\n```';
  if (typeof content.text === 'string' && !Array.isArray(content.parts)) return content.text;
  if (!Array.isArray(content.parts)) return typeof content.result === 'string' ? content.result : '';
  const parts: string[] = [];
  for (const part of content.parts) {
    if (typeof part === 'string') parts.push(part);
    else if (isObject(part) && typeof part.text === 'string') parts.push(part.text);
    else if (isObject(part) && typeof part.content_type === 'string' && part.content_type.includes('image')) parts.push('[image]');
    else if (isObject(part)) parts.push('[attachment]');
  }
  return parts.join('\n').trim();
}

/** The text of a `thoughts` or `reasoning_recap` message; null for any other content. */
function reasoningText(content: unknown): string | null {
  if (!isObject(content)) return null;
  if (content.content_type === 'reasoning_recap') return typeof content.content === 'string' ? content.content.trim() : '';
  if (content.content_type !== 'thoughts') return null;
  const thoughts = Array.isArray(content.thoughts) ? content.thoughts.filter(isObject) : [];
  return thoughts
    .map((thought) => [thought.summary, thought.content].filter((part): part is string => typeof part === 'string' && part.trim() !== '').map((part) => part.trim()).join('\n\n'))
    .filter(Boolean)
    .join('\n\n');
}

const ROLES: Record<string, ImportedRole> = { user: 'user', assistant: 'assistant', system: 'system' };

export function fromChatGpt(element: unknown, index: number): ImportedConversation {
  if (!isObject(element) || !isObject(element.mapping)) throw formatError(index, undefined, 'it has no "mapping" of messages');
  const sourceId = typeof element.id === 'string' ? element.id : typeof element.conversation_id === 'string' ? element.conversation_id : null;
  if (sourceId === null) throw formatError(index, element.title, 'it has no id');
  const createdAt = toMs(element.create_time, 'seconds', 0);
  const id = derivedTimeId(createdAt, 'chatgpt', sourceId);
  const defaultModel = typeof element.default_model_slug === 'string' ? element.default_model_slug : null;
  const messages: ImportedMessage[] = [];
  const nodes: { nodeId: string; message: ImportedMessage }[] = [];
  const parentOf = new Map<string, string | null>();
  /** Reasoning by the node that carries it, until the reply it belongs to claims it. */
  const reasoningOf = new Map<string, string>();
  for (const [key, node] of Object.entries(element.mapping)) {
    if (!isObject(node)) throw formatError(index, element.title, `message node ${key} is not an object`);
    const nodeId = typeof node.id === 'string' ? node.id : key;
    parentOf.set(nodeId, typeof node.parent === 'string' ? node.parent : null);
    const message = node.message;
    if (!isObject(message)) continue;
    const thinking = reasoningText(message.content);
    if (thinking !== null) {
      if (thinking) reasoningOf.set(nodeId, thinking);
      continue;
    }
    const author = isObject(message.author) ? message.author.role : undefined;
    const role = typeof author === 'string' ? ROLES[author] : undefined;
    const metadata = isObject(message.metadata) ? message.metadata : {};
    // Tool calls, hidden system prompts and empty placeholders are not part of the conversation as shown.
    if (!role || metadata.is_visually_hidden_from_conversation === true) continue;
    const content = contentText(message.content);
    if (content === '') continue;
    const messageCreatedAt = toMs(message.create_time, 'seconds', createdAt);
    const imported: ImportedMessage = {
      id: derivedTimeId(messageCreatedAt, 'chatgpt', sourceId, nodeId),
      parentId: null,
      role,
      content,
      status: message.status === 'finished_successfully' || message.status === undefined ? 'done' : 'interrupted',
      model: typeof metadata.model_slug === 'string' ? metadata.model_slug : role === 'assistant' ? defaultModel : null,
      createdAt: messageCreatedAt,
      updatedAt: Math.max(messageCreatedAt, toMs(message.update_time, 'seconds', messageCreatedAt)),
    };
    nodes.push({ nodeId, message: imported });
    messages.push(imported);
  }
  const kept = new Map(nodes.map(({ nodeId, message }) => [nodeId, message.id]));
  /** The id of the nearest kept ancestor of a node (itself if kept). */
  const keptAncestor = (nodeId: string | null): string | null => {
    const seen = new Set<string>();
    let current = nodeId;
    while (current !== null && !kept.has(current) && !seen.has(current)) {
      seen.add(current);
      current = parentOf.get(current) ?? null;
    }
    return current === null ? null : (kept.get(current) ?? null);
  };
  /** The reasoning on the nodes between a kept node and its kept ancestor, oldest first. */
  const claimed = new Set<string>();
  const reasoningAbove = (nodeId: string): string | null => {
    const found: string[] = [];
    const seen = new Set<string>();
    let current = parentOf.get(nodeId) ?? null;
    while (current !== null && !kept.has(current) && !seen.has(current)) {
      seen.add(current);
      const text = reasoningOf.get(current);
      if (text) {
        found.unshift(text);
        claimed.add(current);
      }
      current = parentOf.get(current) ?? null;
    }
    return found.length > 0 ? found.join('\n\n') : null;
  };
  for (const { nodeId, message } of nodes) {
    message.parentId = keptAncestor(parentOf.get(nodeId) ?? null);
    if (message.role !== 'assistant') continue;
    const reasoning = reasoningAbove(nodeId);
    if (reasoning) message.reasoning = reasoning;
  }
  const unclaimed = [...reasoningOf.keys()].filter((nodeId) => !claimed.has(nodeId)).length;
  const notes =
    unclaimed > 0
      ? [importNote('reasoning-left-out', index, element.title, { count: unclaimed })]
      : [];
  const shownLeafId = typeof element.current_node === 'string' ? keptAncestor(element.current_node) : null;
  const updatedAt = toMs(element.update_time, 'seconds', messages.reduce((latest, m) => Math.max(latest, m.createdAt), createdAt));
  const extras = organisation(element.is_starred, element.is_archived);
  return {
    id,
    title: typeof element.title === 'string' && element.title.trim() ? element.title : 'Untitled conversation',
    createdAt,
    updatedAt,
    shownLeafId,
    messages: parentsFirst(messages),
    ...(extras && { extras }),
    ...(notes.length > 0 && { notes }),
  };
}
