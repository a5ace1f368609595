import { z } from 'zod';
import { Id, MessageStatus, Usage, UserError } from '../../domain';
import { CompareVote } from '../../entities/compare';
import { ModelSettings } from '../../entities/library';
import { ReplyMetrics } from './chat';
import { Empty } from './common';

/** One column of a comparison: a provider (and optionally another model, a persona, parameters). */
export const CompareColumnInput = z
  .object({
    /** Optional when the persona names a provider. */
    providerId: Id.optional(),
    model: z.string().trim().min(1).max(200).optional(),
    personaId: Id.nullable().optional(),
    settings: ModelSettings.optional(),
  })
  .strict();
export type CompareColumnInput = z.infer<typeof CompareColumnInput>;

export const CompareColumn = z.object({
  messageId: Id,
  /** "A", "B", ... in column order: what a blind comparison shows instead of the model. */
  label: z.string(),
  /** Null in a blind comparison until the vote. */
  providerId: Id.nullable(),
  model: z.string().nullable(),
  status: MessageStatus,
  content: z.string(),
  error: UserError.nullable(),
  usage: Usage,
  /** Null while the reply streams. In a blind comparison the cost stays hidden until the vote. */
  metrics: ReplyMetrics.nullable(),
});
export type CompareColumn = z.infer<typeof CompareColumn>;

export const CompareRunView = z.object({
  id: Id,
  conversationId: Id,
  promptMessageId: Id,
  prompt: z.string(),
  blind: z.boolean(),
  /** False while a blind comparison has no vote: providers and models are hidden. */
  revealed: z.boolean(),
  createdAt: z.number().int(),
  vote: CompareVote.nullable(),
  columns: z.array(CompareColumn),
});
export type CompareRunView = z.infer<typeof CompareRunView>;

/** One provider and model: the same model id from two providers is two rows. */
export const LeaderboardRow = z.object({
  providerId: Id.nullable(),
  /** The provider's name, or null when it was deleted (or the reply came from elsewhere). */
  provider: z.string().nullable(),
  model: z.string(),
  runs: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  ties: z.number().int(),
  winRate: z.number(),
  elo: z.number(),
});
export type LeaderboardRow = z.infer<typeof LeaderboardRow>;

const RunRef = { conversationId: Id, runId: Id };

export const compareMethods = {
  /** Sends one prompt to 2–8 columns at once; each reply is a sibling under the prompt. */
  'compare.start': {
    input: z
      .object({
        conversationId: Id.optional(),
        text: z.string().trim().min(1, 'cannot be empty').max(1_000_000),
        columns: z.array(CompareColumnInput).min(2, 'needs at least two columns').max(8, 'takes at most eight columns'),
        blind: z.boolean().default(false),
      })
      .strict(),
    output: CompareRunView,
  },
  'compare.get': { input: z.object(RunRef).strict(), output: CompareRunView },
  'compare.list': { input: z.object({ conversationId: Id }).strict(), output: z.array(CompareRunView) },
  /** Stops one column (`messageId`) or every column still streaming. */
  'compare.stop': {
    input: z.object({ ...RunRef, messageId: Id.optional() }).strict(),
    output: z.object({ stopped: z.number().int() }),
  },
  /** One vote per run (a second vote replaces the first); `winnerMessageId: null` is a tie. Reveals a blind run. */
  'compare.vote': {
    input: z.object({ ...RunRef, winnerMessageId: Id.nullable(), ranking: z.array(Id).max(16).optional() }).strict(),
    output: CompareRunView,
  },
  /**
   * "Continue with this one": makes that reply's branch the conversation's shown
   * path, and its provider and model the conversation's, so the next reply comes from them.
   */
  'compare.choose': {
    input: z.object({ ...RunRef, messageId: Id }).strict(),
    output: z.object({ conversationId: Id, shownLeafId: Id, providerId: Id.nullable(), model: z.string().nullable() }),
  },
  'compare.leaderboard': { input: Empty, output: z.array(LeaderboardRow) },
} as const;

export const compareEvents = {
  /** A column of a comparison finished, or the run was voted on: fetch it again with compare.get. */
  'compare.updated': z.object({ conversationId: Id, runId: Id }),
} as const;
