import { z } from 'zod';
import { Id, UserError } from '../../domain';
import { ModelSettings } from '../../models/library';

/** How one reply went: shown beside it (compare columns, message footers). */
export const ReplyMetrics = z.object({
  /** From the start of the call to the first token (retries included). */
  ttftMs: z.number().nullable(),
  durationMs: z.number(),
  /** US dollars from the catalog's prices; null when the price or the usage is unknown. */
  costUsd: z.number().nullable(),
  /** Tries made (1 unless a rate limit or server error was retried before the first token). */
  attempts: z.number().int(),
  /** The model that answered as the provider named it; null in a blind compare before the vote. */
  model: z.string().nullable(),
});
export type ReplyMetrics = z.infer<typeof ReplyMetrics>;

export const chatMethods = {
  'chat.send': {
    input: z
      .object({
        conversationId: Id.optional(),
        /** Optional when the persona or the conversation's settings name a provider. */
        providerId: Id.optional(),
        /** Another model of the provider than its default. */
        model: z.string().trim().min(1).max(200).optional(),
        /** A persona for this message; null for none even when the conversation has one. */
        personaId: Id.nullable().optional(),
        /** One-off parameters (temperature, topP, maxOutputTokens, systemPrompt). */
        settings: ModelSettings.optional(),
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

export const chatEvents = {
  /** Reasoning text of a streaming reply, kept apart from the answer; coalesced like stream.delta. */
  'stream.reasoning': z.object({ conversationId: Id, messageId: Id, text: z.string() }),
  /** A call failed before its first token and will be tried again after `delayMs`. */
  'stream.retry': z.object({
    conversationId: Id,
    messageId: Id,
    attempt: z.number().int(),
    delayMs: z.number().int(),
    error: UserError,
  }),
} as const;
