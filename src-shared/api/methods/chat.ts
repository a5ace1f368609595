import { z } from 'zod';
import { Id, Message, UserError } from '../../domain';
import { ATTACHMENT_LIMITS, Attachment, AttachmentUpload, base64Size } from '../../entities/attachments';
import { ConversationDetails, ModelSettings } from '../../entities/library';

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

/** Files sent with a message: at most ATTACHMENT_LIMITS.count, together at most totalBytes. */
export const AttachmentUploads = z
  .array(AttachmentUpload)
  .max(ATTACHMENT_LIMITS.count, `can hold at most ${ATTACHMENT_LIMITS.count} files`)
  .refine(
    (files) => files.reduce((sum, file) => sum + base64Size(file.dataBase64), 0) <= ATTACHMENT_LIMITS.totalBytes,
    `must add up to at most ${ATTACHMENT_LIMITS.totalBytes / 1024 / 1024} MB`,
  );

/** Which model a regenerated or edited reply uses; by default the one the conversation would use. */
const ReplyChoice = {
  providerId: Id.optional(),
  model: z.string().trim().min(1).max(200).optional(),
};

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
        /** Images (for models that take them) and text files (inlined into the prompt with their names). */
        attachments: AttachmentUploads.optional(),
      })
      .strict(),
    output: z.object({ conversationId: Id, userMessageId: Id, assistantMessageId: Id }),
  },
  /** Another reply to the same prompt, a sibling of `messageId` (an assistant reply); by default the same model. */
  'chat.regenerate': {
    input: z.object({ conversationId: Id, messageId: Id, ...ReplyChoice }).strict(),
    output: z.object({ conversationId: Id, assistantMessageId: Id }),
  },
  /** Asks an edited version of a user message: a sibling of `messageId` with its files, and a reply to it. */
  'chat.edit': {
    input: z
      .object({
        conversationId: Id,
        messageId: Id,
        text: z.string().trim().min(1, 'cannot be empty').max(1_000_000),
        ...ReplyChoice,
        personaId: Id.nullable().optional(),
      })
      .strict(),
    output: z.object({ conversationId: Id, userMessageId: Id, assistantMessageId: Id }),
  },
  /**
   * What the chat shows of a conversation: the shown branch (root to `leafId`) and
   * every sibling of its messages, so each fork can say "2 / 3" and comparisons sit
   * side by side; siblings' own replies come when their branch is shown. With the
   * attachments of those messages (names and types; bytes from chat.attachment)
   * and the reply ids of each comparison in the conversation.
   */
  'chat.branch': {
    input: z.object({ conversationId: Id }).strict(),
    output: z.object({
      /** Its title and how it is filed (the sidebar's list may not hold it: archived, or older than the list). */
      conversation: ConversationDetails,
      leafId: Id.nullable(),
      messages: z.array(Message),
      attachments: z.array(Attachment),
      comparisons: z.array(z.array(Id)),
    }),
  },
  /** Shows the branch through `messageId`, down to its newest message (remembered across restarts). */
  'chat.showBranch': {
    input: z.object({ conversationId: Id, messageId: Id }).strict(),
    output: z.object({ leafId: Id }),
  },
  /** One attachment's bytes (a thumbnail, a download). */
  'chat.attachment': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ attachment: Attachment, dataBase64: z.string() }),
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
