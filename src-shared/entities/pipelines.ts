// Pipelines: ordered steps, each a prompt sent to a model, the output of one step
// feeding the next; and their runs with each step's output.
import { z } from 'zod';
import { Id, UserError } from '../domain';
import { ModelSettings } from './library';

export const PipelineStep = z.object({
  id: Id,
  name: z.string().max(200),
  /** The prompt; `{{input}}` is the run's input and `{{previous}}` the previous step's output. */
  prompt: z.string().max(100_000),
  providerId: Id.nullable(),
  model: z.string().max(200).nullable(),
  personaId: Id.nullable(),
  settings: ModelSettings,
});
export type PipelineStep = z.infer<typeof PipelineStep>;

export const Pipeline = z.object({
  id: Id,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000),
  steps: z.array(PipelineStep).max(100),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Pipeline = z.infer<typeof Pipeline>;

export const RunStatus = z.enum(['running', 'done', 'error', 'cancelled', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatus>;

export const PipelineRunStep = z.object({
  index: z.number().int().nonnegative(),
  stepId: Id,
  status: RunStatus,
  output: z.string(),
  messageId: Id.nullable(),
  providerId: Id.nullable(),
  model: z.string().nullable(),
  inputTokens: z.number().int().nonnegative().nullable(),
  outputTokens: z.number().int().nonnegative().nullable(),
  error: UserError.nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
export type PipelineRunStep = z.infer<typeof PipelineRunStep>;

export const PipelineRun = z.object({
  id: Id,
  pipelineId: Id,
  conversationId: Id.nullable(),
  status: RunStatus,
  input: z.string(),
  error: UserError.nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  steps: z.array(PipelineRunStep),
});
export type PipelineRun = z.infer<typeof PipelineRun>;

export const NewPipelineRun = PipelineRun.omit({ steps: true, finishedAt: true, error: true, status: true });
export type NewPipelineRun = z.infer<typeof NewPipelineRun>;

/** What `updatePipelineRun` may change. */
export const PipelineRunPatch = z
  .object({ status: RunStatus, error: UserError.nullable(), finishedAt: z.number().int().nullable() })
  .partial()
  .strict();
export type PipelineRunPatch = z.infer<typeof PipelineRunPatch>;
