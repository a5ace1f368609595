import { z } from 'zod';
import { Id, UserError } from '../../domain';
import { ModelSettings } from '../../entities/library';
import { Pipeline, PipelineRun, PipelineRunStep, RunStatus } from '../../entities/pipelines';
import { Empty } from './common';

export const PipelineStepInput = z
  .object({
    id: Id.optional(),
    name: z.string().trim().max(200).default(''),
    /** Uses {{input}}, {{previous_output}} and {{steps.NAME}} / {{steps.N}}; see src-shared/pipelines/template.ts. */
    prompt: z.string().trim().min(1, 'needs a prompt').max(100_000),
    /** Optional when the persona names a provider. */
    providerId: Id.nullable().default(null),
    model: z.string().trim().min(1).max(200).nullable().default(null),
    personaId: Id.nullable().default(null),
    settings: ModelSettings.default({}),
  })
  .strict();

/** A step of a run with its cost (from the catalog's prices and the step's tokens). */
export const PipelineRunStepView = PipelineRunStep.extend({ name: z.string(), costUsd: z.number().nullable() });
export type PipelineRunStepView = z.infer<typeof PipelineRunStepView>;

export const PipelineRunView = PipelineRun.extend({
  pipelineName: z.string(),
  steps: z.array(PipelineRunStepView),
  /** Sum of the steps' costs; null when any step's cost is unknown. */
  costUsd: z.number().nullable(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
});
export type PipelineRunView = z.infer<typeof PipelineRunView>;

export const pipelineMethods = {
  'pipeline.list': { input: Empty, output: z.array(Pipeline) },
  'pipeline.get': { input: z.object({ id: Id }).strict(), output: Pipeline },
  /** Creates or updates; every template is checked against the steps before it. */
  'pipeline.save': {
    input: z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1, 'needs a name').max(200),
        description: z.string().max(2000).default(''),
        steps: z.array(PipelineStepInput).min(1, 'needs at least one step').max(100),
      })
      .strict(),
    output: Pipeline,
  },
  'pipeline.delete': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** Starts a run and returns at once; progress comes as pipeline.* events. */
  'pipeline.run': {
    input: z
      .object({ pipelineId: Id, input: z.string().max(1_000_000), conversationId: Id.optional() })
      .strict(),
    output: PipelineRunView,
  },
  'pipeline.cancel': { input: z.object({ runId: Id }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'pipeline.getRun': { input: z.object({ runId: Id }).strict(), output: PipelineRunView },
  'pipeline.listRuns': {
    input: z.object({ pipelineId: Id, limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(PipelineRunView),
  },
} as const;

export const pipelineEvents = {
  /** A step started, finished, failed or was cancelled. */
  'pipeline.progress': z.object({ runId: Id, pipelineId: Id, step: PipelineRunStepView }),
  /** Text of the running step; coalesced like stream.delta. */
  'pipeline.delta': z.object({ runId: Id, index: z.number().int(), text: z.string() }),
  /** The run ended: done, error (with the failed step's message) or cancelled. */
  'pipeline.end': z.object({ runId: Id, status: RunStatus, error: UserError.nullable(), run: PipelineRunView }),
} as const;
