// Checks what callers hand the store, so a bad value fails with a readable message
// instead of a constraint error, and unknown properties (a key, say) are dropped.
import { z } from 'zod';
import { Id, Message, MessageStatus, ProviderConfig, Usage, UserError } from '../../../../src-shared/domain';
import { storeErrors } from '../errors';

export const NewMessageInput = Message.pick({
  id: true,
  conversationId: true,
  parentId: true,
  role: true,
  content: true,
  status: true,
  providerId: true,
  model: true,
});

export const MessageOutcomeInput = z.object({
  content: z.string(),
  status: MessageStatus.exclude(['streaming']),
  error: UserError.nullable(),
  usage: Usage,
  costUsd: z.number().nonnegative().nullable().optional(),
  ttftMs: z.number().nonnegative().nullable().optional(),
  reasoning: z.string().optional(),
});

export const NewConversationInput = z.object({ id: Id, title: z.string() });

export const ProviderInput = ProviderConfig;

export const Limit = z.number().int().nonnegative();

export const PageInput = z.object({ beforeId: Id.optional(), limit: z.number().int().min(1).max(1000) });

export const NewAttachmentInput = z.object({
  id: Id,
  messageId: Id.nullable(),
  mime: z.string().min(1).max(200),
  fileName: z.string().min(1).max(500),
  source: z.union([z.object({ sourcePath: z.string().min(1) }), z.object({ data: z.instanceof(Uint8Array) })]),
});

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || 'value'}: ${issue.message}`).join('; ');
  throw storeErrors.invalid(`The ${what} is not valid: ${problems}.`);
}
