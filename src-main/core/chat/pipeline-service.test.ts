// Pipelines with real parts: steps across two provider kinds (OpenAI Responses and
// Anthropic Messages on the local server), a real SQLite store, live progress events.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import { chatHarness, type ChatHarness } from './test-support';

const apiKey = 'sk-pipeline-test-2e8a';
let server: ProviderServer;
let h: ChatHarness;

beforeAll(async () => {
  server = await startProviderServer({ apiKey, tokenDelayMs: 3 });
});
afterAll(() => server.close());
beforeEach(async () => {
  h = await chatHarness(server, apiKey);
});
afterEach(() => h.close());

const step = (name: string, prompt: string, providerId: string, model: string | null = null) => ({
  name,
  prompt,
  providerId,
  model,
  personaId: null,
  settings: {},
});

describe('running a pipeline', () => {
  it('feeds each step the earlier outputs and stores every step with usage and cost', async () => {
    await h.chat.overrides.save({ id: 'echo', kind: 'openai', label: 'Echo', contextWindow: null, maxOutputTokens: null, capabilities: { vision: false, tools: false, reasoning: false }, price: { inputPerMTok: 1, outputPerMTok: 4 } });
    await h.chat.overrides.save({ id: 'echo', kind: 'anthropic', label: 'Echo', contextWindow: null, maxOutputTokens: null, capabilities: { vision: false, tools: false, reasoning: false }, price: { inputPerMTok: 3, outputPerMTok: 15 } });
    const openai = await h.addProvider('openai', 'echo');
    const anthropic = await h.addProvider('anthropic', 'echo');
    const pipeline = await h.pipelines.save({
      name: 'Three steps',
      description: '',
      steps: [
        step('Outline', 'Outline {{input}}', openai.id),
        step('Draft', 'Draft from {{previous_output}}', anthropic.id),
        step('Polish', 'Polish {{steps.outline}} and {{steps.2}}', openai.id),
      ],
    });
    const started = await h.pipelines.start({ pipelineId: pipeline.id, input: 'cats' });
    expect(started.status).toBe('running');
    const end = await h.waitFor('pipeline.end', (p) => p.runId === started.id);
    expect(end.status).toBe('done');
    expect(end.error).toBeNull();

    const run = await h.pipelines.getRun(started.id);
    expect(run.steps.map((s) => [s.name, s.status])).toEqual([
      ['Outline', 'done'],
      ['Draft', 'done'],
      ['Polish', 'done'],
    ]);
    const [outline, draft, polish] = run.steps;
    expect(outline!.output).toBe('You said: Outline cats');
    expect(draft!.output).toBe('You said: Draft from You said: Outline cats');
    expect(polish!.output).toBe(`You said: Polish ${outline!.output} and ${draft!.output}`);
    expect(draft!.providerId).toBe(anthropic.id);
    for (const s of run.steps) expect(s.inputTokens).toBeGreaterThan(0);
    const expected = run.steps.map((s, i) => ((s.inputTokens ?? 0) * [1, 3, 1][i]! + (s.outputTokens ?? 0) * [4, 15, 4][i]!) / 1e6);
    run.steps.forEach((s, i) => expect(s.costUsd).toBeCloseTo(expected[i]!, 12));
    expect(run.costUsd).toBeCloseTo(expected.reduce((a, b) => a + b, 0), 12);

    // Live progress: each step running then done, and its text as deltas.
    const progress = h.payloads('pipeline.progress').map((p) => [p.step.index, p.step.status]);
    expect(progress).toEqual([
      [0, 'running'],
      [0, 'done'],
      [1, 'running'],
      [1, 'done'],
      [2, 'running'],
      [2, 'done'],
    ]);
    const deltas = h.payloads('pipeline.delta').filter((d) => d.index === 1).map((d) => d.text);
    expect(deltas.join('')).toBe(draft!.output);
    expect(await h.pipelines.listRuns(pipeline.id, 10)).toHaveLength(1);
  });

  it('stops at a failing step with its message, and the run is stored as failed', async () => {
    const openai = await h.addProvider('openai', 'echo');
    const anthropic = await h.addProvider('anthropic', 'echo');
    const pipeline = await h.pipelines.save({
      name: 'Breaks in the middle',
      description: '',
      steps: [
        step('Gather', 'Gather {{input}}', openai.id),
        step('Judge', 'Judge {{previous_output}}', anthropic.id, 'error-401'),
        step('Report', 'Report {{previous_output}}', openai.id),
      ],
    });
    const started = await h.pipelines.start({ pipelineId: pipeline.id, input: 'facts' });
    const end = await h.waitFor('pipeline.end', (p) => p.runId === started.id);
    expect(end.status).toBe('error');
    expect(end.error!.code).toBe('provider.auth');
    expect(end.error!.message).toMatch(/^Step 2 \(Judge\) failed: .*rejected the API key/);

    const run = await h.pipelines.getRun(started.id);
    expect(run.status).toBe('error');
    expect(run.finishedAt).not.toBeNull();
    expect(run.steps.map((s) => s.status)).toEqual(['done', 'error']);
    expect(run.steps[1]!.error!.code).toBe('provider.auth');
    // The third step never called its provider.
    expect(server.requests.filter((r) => JSON.stringify(r.body).includes('Report'))).toHaveLength(0);
  });

  it('is cancelled mid-step, keeping what the step had written', async () => {
    const slow = await h.addProvider('openai', 'slow');
    const pipeline = await h.pipelines.save({ name: 'Slow', description: '', steps: [step('Long', '{{input}}', slow.id)] });
    const started = await h.pipelines.start({ pipelineId: pipeline.id, input: 'go' });
    await h.waitFor('pipeline.delta', (p) => p.runId === started.id);
    expect(h.pipelines.cancel(started.id)).toBe(true);
    const end = await h.waitFor('pipeline.end', (p) => p.runId === started.id);
    expect(end.status).toBe('cancelled');
    const run = await h.pipelines.getRun(started.id);
    expect(run.steps[0]!.status).toBe('cancelled');
    expect(run.steps[0]!.output.length).toBeGreaterThan(0);
  });

  it('refuses to save a template that refers to a later or unknown step', async () => {
    const openai = await h.addProvider('openai', 'echo');
    await expect(
      h.pipelines.save({
        name: 'Bad',
        description: '',
        steps: [step('One', 'Use {{steps.Two}}', openai.id), step('Two', '{{inptu}}', openai.id)],
      }),
    ).rejects.toMatchObject({
      code: 'pipeline.invalid',
      message: expect.stringMatching(/Step 1 \(One\).*earlier step.*Step 2 \(Two\).*\{\{inptu\}\}/),
      // Each problem as a code with where it is, for the renderer to word in the user's language.
      problems: [
        { path: 'steps.0.prompt', code: 'template.not_earlier', params: { step: 1, name: 'One', placeholder: '{{steps.Two}}' } },
        { path: 'steps.1.prompt', code: 'template.unknown_placeholder', params: { step: 2, name: 'Two', placeholder: '{{inptu}}' } },
      ],
    });
    expect(await h.store.listPipelines()).toEqual([]);
  });
});
