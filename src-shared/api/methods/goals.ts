import { z } from 'zod';
import { Id } from '../../domain';
import { Goal, GoalLinkTarget, GoalProgressChange, GoalProgressInput, GoalStatus } from '../../entities/goals';
import { Empty } from './common';

export const goalMethods = {
  'goal.list': { input: Empty, output: z.array(Goal) },
  /**
   * Creates or updates a goal; its links are kept (change them with goal.link),
   * and so is its progress measure when `progress` is left out.
   */
  'goal.save': {
    input: z
      .object({
        id: Id.optional(),
        title: z.string().trim().min(1, 'needs a title').max(300),
        description: z.string().max(10_000).default(''),
        status: GoalStatus.default('active'),
        targetAt: z.number().int().nullable().default(null),
        progress: GoalProgressInput.optional(),
      })
      .strict(),
    output: Goal,
  },
  /** One step of progress: a checklist step checked or unchecked, or the number reached so far. */
  'goal.progress': {
    input: z.object({ goalId: Id, change: GoalProgressChange }).strict(),
    output: Goal,
  },
  'goal.delete': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** Links (or with `linked: false` unlinks) a conversation or a pipeline run. */
  'goal.link': {
    input: z.object({ goalId: Id, target: GoalLinkTarget, linked: z.boolean().default(true) }).strict(),
    output: Goal,
  },
} as const;
