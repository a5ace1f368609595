// Our own JSON export: { format: 'realmultillm', version: 1, conversations: [...] },
// each conversation with its messages as stored. Ids are kept, so importing an
// export back into the store it came from changes nothing.
import { z } from 'zod';
import { Id, MessageRole } from '../../../../../src-shared/domain';
import { formatError, isObject, parentsFirst, type ImportedConversation } from './types';

export const EXPORT_FORMAT = 'realmultillm';
export const EXPORT_VERSION = 1;

export const ExportedMessage = z.object({
  id: Id,
  parentId: Id.nullable(),
  role: MessageRole,
  content: z.string(),
  status: z.enum(['done', 'error', 'interrupted', 'streaming']),
  model: z.string().nullable(),
  createdAt: z.number().int(),
});

export const ExportedConversation = z.object({
  id: Id,
  title: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  shownLeafId: Id.nullable().default(null),
  pinned: z.boolean().default(false),
  archived: z.boolean().default(false),
  tags: z.array(z.string()).default([]),
  messages: z.array(ExportedMessage.passthrough()),
});

export const isOurs = (value: unknown) => isObject(value) && Array.isArray(value.messages) && typeof value.id === 'string';

export function fromOurs(element: unknown, index: number): ImportedConversation {
  const parsed = ExportedConversation.safeParse(element);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw formatError(index, isObject(element) ? element.title : undefined, `${issue.path.join('.') || 'value'} ${issue.message}`);
  }
  const c = parsed.data;
  return {
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    shownLeafId: c.shownLeafId,
    messages: parentsFirst(
      c.messages.map((m) => ({
        id: m.id,
        parentId: m.parentId,
        role: m.role,
        content: m.content,
        // A reply exported mid-stream was cut off: it arrives interrupted, never streaming.
        status: m.status === 'streaming' ? 'interrupted' : m.status,
        model: m.model,
        createdAt: m.createdAt,
      })),
    ),
    extras: { pinned: c.pinned, archived: c.archived, tags: c.tags },
  };
}
