// Goals: something the user is working towards, linked to the conversations and
// pipeline runs that serve it.
import { z } from 'zod';
import { Id } from '../domain';

export const GoalStatus = z.enum(['active', 'done', 'archived']);
export type GoalStatus = z.infer<typeof GoalStatus>;

export const GoalLinkTarget = z.object({ kind: z.enum(['conversation', 'pipeline_run']), id: Id });
export type GoalLinkTarget = z.infer<typeof GoalLinkTarget>;

export const Goal = z.object({
  id: Id,
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000),
  status: GoalStatus,
  targetAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  links: z.array(GoalLinkTarget),
});
export type Goal = z.infer<typeof Goal>;

/** A goal as saved: links change through `linkGoal`. */
export const GoalInput = Goal.omit({ links: true });
export type GoalInput = z.infer<typeof GoalInput>;
