import { z } from 'zod';
import { Id } from '../../domain';

export const chatMethods = {
  'chat.send': {
    input: z
      .object({
        conversationId: Id.optional(),
        providerId: Id,
        text: z.string().trim().min(1, 'cannot be empty').max(1_000_000),
      })
      .strict(),
    output: z.object({ conversationId: Id, userMessageId: Id, assistantMessageId: Id }),
  },
  'chat.stop': {
    input: z.object({ messageId: Id }).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
} as const;
