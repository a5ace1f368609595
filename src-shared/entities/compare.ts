// Side-by-side comparisons: one prompt, several replies (sibling messages), and
// the user's votes on which was best.
import { z } from 'zod';
import { Id } from '../domain';

export const CompareRun = z.object({
  id: Id,
  conversationId: Id,
  promptMessageId: Id,
  replyMessageIds: z.array(Id).min(2).max(16),
  /** Blind: models are hidden until the user votes. */
  blind: z.boolean(),
  createdAt: z.number().int(),
});
export type CompareRun = z.infer<typeof CompareRun>;

export const CompareVote = z.object({
  id: Id,
  runId: Id,
  /** Null for a tie. */
  winnerMessageId: Id.nullable(),
  /** Reply ids best first; the winner first when there is one. */
  ranking: z.array(Id).max(16),
  createdAt: z.number().int(),
});
export type CompareVote = z.infer<typeof CompareVote>;
