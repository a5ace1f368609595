import { z } from 'zod';
import { Conversation, Id, Message } from '../../domain';

export const conversationMethods = {
  'conversation.list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(Conversation),
  },
  'conversation.get': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ conversation: Conversation, messages: z.array(Message) }),
  },
  'conversation.delete': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
} as const;
