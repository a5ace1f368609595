// Pipelines: named chains of steps, each a prompt template sent to a model, the
// output of one feeding the next. A run streams each step live, stops at the
// first failure with that step's message, and is stored with every step's
// output and usage (each call also lands in the usage ledger).
import { AppError } from '../../../src-shared/api/errors';
import type { PipelineRunStepView, PipelineRunView } from '../../../src-shared/api/methods/pipelines';
import { costOf, findModel } from '../../../src-shared/catalog';
import type { UserError } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import type { Pipeline, PipelineRun, PipelineRunStep, PipelineStep, RunStatus } from '../../../src-shared/entities/pipelines';
import { renderTemplate, templateProblems, templateProblemText } from '../../../src-shared/pipelines/template';
import type { Logger } from '../log/logger';
import type { PipelineStore, ProviderStore } from '../store';
import type { ChatService, EmitEvent } from './chat-service';
import { ReplyBuffer } from './reply-buffer';

export interface PipelineServiceOptions {
  store: PipelineStore & ProviderStore;
  chat: ChatService;
  emit: EmitEvent;
  log: Logger;
  coalesceMs?: number;
}

type StepInput = Omit<PipelineStep, 'id'> & { id?: string | undefined };

export class PipelineService {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(private readonly options: PipelineServiceOptions) {}

  async save(input: { id?: string | undefined; name: string; description: string; steps: StepInput[] }): Promise<Pipeline> {
    const { store } = this.options;
    const existing = input.id ? await store.getPipeline(input.id) : null;
    if (input.id && !existing) throw new AppError('pipeline.missing', 'That pipeline no longer exists.');
    const names = input.steps.map((s) => s.name);
    const problems = input.steps.flatMap((step, index) =>
      templateProblems(step.prompt, index, names).map((problem) => ({
        path: `steps.${index}.prompt`,
        code: problem.code,
        params: { step: index + 1, name: step.name, placeholder: problem.placeholder },
        english: `Step ${index + 1}${step.name ? ` (${step.name})` : ''}: ${templateProblemText(problem)}.`,
      })),
    );
    if (problems.length) {
      throw new AppError('pipeline.invalid', `The pipeline cannot be saved: ${problems.map((p) => p.english).join(' ')}`).withProblems(
        problems.map(({ path, code, params }) => ({ path, code, params })),
      );
    }
    const now = Date.now();
    return store.savePipeline({
      id: existing?.id ?? uuidv7(),
      name: input.name,
      description: input.description,
      steps: input.steps.map((step) => ({ ...step, id: step.id ?? uuidv7() })),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
  }

  async get(id: string): Promise<Pipeline> {
    const pipeline = await this.options.store.getPipeline(id);
    if (!pipeline) throw new AppError('pipeline.missing', 'That pipeline no longer exists.');
    return pipeline;
  }

  async start(input: { pipelineId: string; input: string; conversationId?: string | undefined }): Promise<PipelineRunView> {
    const pipeline = await this.get(input.pipelineId);
    if (pipeline.steps.length === 0) throw new AppError('pipeline.empty', 'This pipeline has no steps. Add one, then run it.');
    const run = await this.options.store.insertPipelineRun({
      id: uuidv7(),
      pipelineId: pipeline.id,
      conversationId: input.conversationId ?? null,
      input: input.input,
      startedAt: Date.now(),
    });
    const controller = new AbortController();
    const done = this.execute(pipeline, run, controller.signal)
      .catch((error: unknown) => this.options.log.error('pipeline run failed inside the app', { runId: run.id, error }))
      .finally(() => this.running.delete(run.id));
    this.running.set(run.id, { controller, done });
    return this.view(run, pipeline);
  }

  cancel(runId: string): boolean {
    const run = this.running.get(runId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  async settled(runId: string): Promise<void> {
    await this.running.get(runId)?.done;
  }

  async stopAll(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort();
    await Promise.all(runs.map((run) => run.done));
  }

  async getRun(runId: string): Promise<PipelineRunView> {
    const run = await this.options.store.getPipelineRun(runId);
    if (!run) throw new AppError('pipeline.run_missing', 'That pipeline run no longer exists.');
    return this.view(run);
  }

  async listRuns(pipelineId: string, limit: number): Promise<PipelineRunView[]> {
    const pipeline = await this.options.store.getPipeline(pipelineId);
    const runs = await this.options.store.listPipelineRuns(pipelineId, limit);
    return Promise.all(runs.map((run) => this.view(run, pipeline)));
  }

  private async execute(pipeline: Pipeline, run: PipelineRun, signal: AbortSignal): Promise<void> {
    const { store, emit } = this.options;
    const outputs: string[] = [];
    const names = pipeline.steps.map((s) => s.name);
    let failure: UserError | null = null;
    let status: RunStatus = 'done';
    for (const [index, step] of pipeline.steps.entries()) {
      if (signal.aborted) {
        status = 'cancelled';
        break;
      }
      const prompt = renderTemplate(step.prompt, { input: run.input, outputs, names });
      const result = await this.runStep(pipeline, run, step, index, prompt, signal);
      if (result.status !== 'done') {
        status = result.status;
        if (result.error) {
          const which = `Step ${index + 1}${step.name ? ` (${step.name})` : ''}`;
          failure = { ...result.error, message: `${which} failed: ${result.error.message}` };
        }
        break;
      }
      outputs.push(result.output);
    }
    await store.updatePipelineRun(run.id, { status, error: failure, finishedAt: Date.now() });
    const view = await this.getRun(run.id);
    emit('pipeline.end', { runId: run.id, status, error: failure, run: view });
  }

  private async runStep(
    pipeline: Pipeline,
    run: PipelineRun,
    step: PipelineStep,
    index: number,
    prompt: string,
    signal: AbortSignal,
  ): Promise<{ status: RunStatus; output: string; error: UserError | null }> {
    const { store, chat, emit } = this.options;
    const base: PipelineRunStep = {
      index,
      stepId: step.id,
      status: 'running',
      output: '',
      messageId: null,
      providerId: step.providerId,
      model: step.model,
      inputTokens: null,
      outputTokens: null,
      error: null,
      startedAt: Date.now(),
      finishedAt: null,
    };
    const record = async (state: PipelineRunStep) => {
      await store.recordPipelineStep(run.id, state);
      emit('pipeline.progress', { runId: run.id, pipelineId: pipeline.id, step: await this.stepView(state, step.name) });
    };
    let prepared;
    try {
      prepared = await chat.prepare(
        { providerId: step.providerId, model: step.model, personaId: step.personaId, settings: step.settings },
        null,
      );
    } catch (error) {
      const userError = (error instanceof AppError ? error : new AppError('internal', 'The step could not start.')).toJSON();
      await record({ ...base, status: 'error', error: userError, finishedAt: Date.now() });
      return { status: 'error', output: '', error: userError };
    }
    const started = { ...base, providerId: prepared.call.provider.id, model: prepared.call.model };
    await record(started);
    const buffer = new ReplyBuffer({
      emitDelta: (text) => emit('pipeline.delta', { runId: run.id, index, text }),
      flush: async () => {},
      ...(this.options.coalesceMs !== undefined && { coalesceMs: this.options.coalesceMs }),
    });
    const outcome = await chat.runner.run({
      call: prepared.call,
      apiKey: prepared.apiKey,
      messages: [{ role: 'user', content: prompt }],
      signal,
      onText: (delta) => buffer.append(delta),
      messageId: null,
      conversationId: run.conversationId,
    });
    const output = await buffer.close();
    const status: RunStatus = outcome.status === 'interrupted' ? 'cancelled' : outcome.status;
    await record({
      ...started,
      status,
      output,
      inputTokens: outcome.usage.inputTokens,
      outputTokens: outcome.usage.outputTokens,
      error: outcome.error,
      finishedAt: Date.now(),
    });
    return { status, output, error: outcome.error };
  }

  private async stepView(step: PipelineRunStep, name: string): Promise<PipelineRunStepView> {
    const provider = step.providerId ? await this.options.store.getProvider(step.providerId) : null;
    const info = provider && step.model ? findModel(provider.kind, step.model, await this.options.chat.overrides.list()) : null;
    const known = step.inputTokens !== null || step.outputTokens !== null;
    return {
      ...step,
      name,
      costUsd: known ? costOf({ inputTokens: step.inputTokens, outputTokens: step.outputTokens }, info?.price ?? null) : step.status === 'done' ? null : 0,
    };
  }

  private async view(run: PipelineRun, pipeline?: Pipeline | null): Promise<PipelineRunView> {
    const source = pipeline === undefined ? await this.options.store.getPipeline(run.pipelineId) : pipeline;
    const nameOf = (stepId: string) => source?.steps.find((s) => s.id === stepId)?.name ?? '';
    const steps = await Promise.all(run.steps.map((step) => this.stepView(step, nameOf(step.stepId))));
    const costs = steps.map((s) => s.costUsd);
    return {
      ...run,
      pipelineName: source?.name ?? '',
      steps,
      costUsd: costs.some((c) => c === null) ? null : costs.reduce<number>((sum, c) => sum + (c ?? 0), 0),
      inputTokens: steps.reduce((sum, s) => sum + (s.inputTokens ?? 0), 0),
      outputTokens: steps.reduce((sum, s) => sum + (s.outputTokens ?? 0), 0),
    };
  }
}
