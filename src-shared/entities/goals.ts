// Goals: something the user is working towards, linked to the conversations and
// pipeline runs that serve it, with a measure of progress: a checklist of steps
// or a number to reach. The arithmetic is in src-shared/goals (no zod there, so
// the renderer can use it).
import { z } from 'zod';
import { Id } from '../domain';

export const GoalStatus = z.enum(['active', 'done', 'archived']);
export type GoalStatus = z.infer<typeof GoalStatus>;

export const GoalLinkTarget = z.object({ kind: z.enum(['conversation', 'pipeline_run']), id: Id });
export type GoalLinkTarget = z.infer<typeof GoalLinkTarget>;

export const MAX_GOAL_STEPS = 100;
/** The largest target or current value: far beyond any count a person keeps, and exact as a double. */
export const MAX_GOAL_NUMBER = 1e12;

const StepText = z.string().trim().min(1, 'a step needs a text').max(500, 'a step is at most 500 characters');
const GoalNumber = z.number().finite('must be a number').max(MAX_GOAL_NUMBER, `must be at most ${MAX_GOAL_NUMBER}`);

export const GoalStep = z.object({ id: Id, text: StepText, done: z.boolean() });
export type GoalStep = z.infer<typeof GoalStep>;

export const GoalProgress = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('steps'), steps: z.array(GoalStep).min(1, 'a checklist needs a step').max(MAX_GOAL_STEPS) }),
  z.object({
    kind: z.literal('number'),
    target: GoalNumber.positive('the target must be above zero'),
    current: GoalNumber.nonnegative('progress cannot be below zero'),
    unit: z.string().trim().max(40, 'a unit is at most 40 characters'),
  }),
]);
export type GoalProgress = z.infer<typeof GoalProgress>;

/** A measure as the renderer sends it: new steps have no id yet. */
export const GoalProgressInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('steps'),
      steps: z
        .array(z.object({ id: Id.optional(), text: StepText, done: z.boolean().default(false) }).strict())
        .min(1, 'a checklist needs a step')
        .max(MAX_GOAL_STEPS, `a checklist has at most ${MAX_GOAL_STEPS} steps`),
    })
    .strict(),
  z
    .object({
      kind: z.literal('number'),
      target: GoalNumber.positive('the target must be above zero'),
      current: GoalNumber.nonnegative('progress cannot be below zero').default(0),
      unit: z.string().trim().max(40, 'a unit is at most 40 characters').default(''),
    })
    .strict(),
]);
export type GoalProgressInput = z.input<typeof GoalProgressInput>;
/** The same, as parsed (defaults filled in). */
export type GoalProgressInputValue = z.output<typeof GoalProgressInput>;

/** One step of progress: a step checked or unchecked, or the number reached so far. */
export const GoalProgressChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step'), stepId: Id, done: z.boolean() }).strict(),
  z.object({ kind: z.literal('number'), current: GoalNumber.nonnegative('progress cannot be below zero') }).strict(),
]);
export type GoalProgressChange = z.infer<typeof GoalProgressChange>;

export const Goal = z.object({
  id: Id,
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000),
  status: GoalStatus,
  targetAt: z.number().int().nullable(),
  progress: GoalProgress,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  links: z.array(GoalLinkTarget),
});
export type Goal = z.infer<typeof Goal>;

/** A goal as saved: links change through `linkGoal`. */
export const GoalInput = Goal.omit({ links: true });
export type GoalInput = z.infer<typeof GoalInput>;
