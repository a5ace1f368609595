// Compare, personas, pipelines and goals end to end through the browser host:
// the real core and SQLite file behind the token-guarded WebSocket, the local
// provider server speaking four providers' wire formats. API-level, as the
// renderer's compare view calls it.
import { expect, test, type Page } from '@playwright/test';
import { startProviderServer, type FixtureKind, type ProviderServer } from './fixtures/provider-server';
import { ApiSession } from './support/api-session';
import { makeDataDir, startHost, type RunningHost } from './support/host';

const apiKey = `sk-e2e-compare-${crypto.randomUUID()}`;
let provider: ProviderServer;
let host: RunningHost;

test.beforeAll(async () => {
  provider = await startProviderServer({ apiKey, tokenDelayMs: 10 });
  host = await startHost(makeDataDir('compare'));
});
test.afterAll(async () => {
  await host?.stop();
  await provider?.close();
});

/** The API, with a usable key vault: the OS keychain under with-keyring, else a passphrase file. */
async function openApi(page: Page): Promise<ApiSession> {
  await page.goto(host.url);
  const api = await ApiSession.open(page, host);
  const status = await api.call('vault.status', {});
  if (status.state !== 'ready') await api.call('vault.unlock', { passphrase: 'e2e compare passphrase' });
  return api;
}

async function addProvider(api: ApiSession, kind: FixtureKind, model: string) {
  return api.call('provider.save', { name: `${kind} ${model}`, kind, baseUrl: provider.urlFor(kind), model, apiKey });
}

test('four providers compared at once: one fails, the others finish, the vote ranks them', async ({ page }) => {
  const api = await openApi(page);
  for (const kind of ['openai', 'anthropic', 'google'] as const) {
    await api.call('model.saveOverride', { kind, id: 'echo', label: 'Echo', price: { inputPerMTok: 1, outputPerMTok: 2 } });
  }
  const openai = await addProvider(api, 'openai', 'echo');
  const anthropic = await addProvider(api, 'anthropic', 'echo');
  const google = await addProvider(api, 'google', 'echo');
  const broken = await addProvider(api, 'ollama', 'error-404');

  const run = await api.call('compare.start', {
    text: 'Compare me',
    columns: [openai, anthropic, google, broken].map((p) => ({ providerId: p.id })),
    blind: true,
  });
  expect(run.columns).toHaveLength(4);
  for (const column of run.columns) {
    await api.waitForEvent('stream.end', (e) => e.messageId === column.messageId);
  }
  const view = await api.call('compare.get', { conversationId: run.conversationId, runId: run.id });
  expect(view.revealed).toBe(false);
  expect(view.columns.map((c) => c.status)).toEqual(['done', 'done', 'done', 'error']);
  for (const column of view.columns.slice(0, 3)) {
    expect(column.content).toBe('You said: Compare me');
    expect(column.model).toBeNull();
    expect(column.metrics!.ttftMs).toBeGreaterThan(0);
  }
  expect(view.columns[3]!.error!.code).toBe('provider.not_found');
  expect(view.columns[3]!.error!.message).toMatch(/no such model/);

  const voted = await api.call('compare.vote', { conversationId: run.conversationId, runId: run.id, winnerMessageId: view.columns[1]!.messageId });
  expect(voted.revealed).toBe(true);
  expect(voted.columns.map((c) => c.providerId)).toEqual([openai.id, anthropic.id, google.id, broken.id]);
  expect(voted.columns[0]!.metrics!.costUsd).toBeGreaterThan(0);

  const chosen = await api.call('compare.choose', { conversationId: run.conversationId, runId: run.id, messageId: view.columns[1]!.messageId });
  expect(chosen.shownLeafId).toBe(view.columns[1]!.messageId);
  const board = await api.call('compare.leaderboard', {});
  expect(board.length).toBeGreaterThanOrEqual(2);

  // The live listing of an OpenAI provider reaches the local server.
  const models = await api.call('model.list', { providerId: openai.id });
  expect(models.source).toBe('live');
  expect(models.models.find((m) => m.id === 'echo')!.price).toEqual({ inputPerMTok: 1, outputPerMTok: 2 });
});

test('a persona, a failing three-step pipeline across two providers, and a goal linking them', async ({ page }) => {
  const api = await openApi(page);
  const openai = await addProvider(api, 'openai', 'echo');
  const anthropic = await addProvider(api, 'anthropic', 'echo');

  const persona = await api.call('persona.save', { name: 'Terse', systemPrompt: 'Answer in one line.', settings: { providerId: anthropic.id, temperature: 0.3 } });
  const sent = await api.call('chat.send', { personaId: persona.id, text: 'Hi from a persona' });
  await api.waitForEvent('stream.end', (e) => e.messageId === sent.assistantMessageId);
  const toAnthropic = provider.requests.filter((r) => r.path === '/anthropic/v1/messages').at(-1)!;
  expect(toAnthropic.body).toMatchObject({ system: [{ type: 'text', text: 'Answer in one line.' }], temperature: 0.3 });
  await api.call('persona.apply', { conversationId: sent.conversationId, personaId: persona.id });

  const pipeline = await api.call('pipeline.save', {
    name: 'Research',
    steps: [
      { name: 'Gather', prompt: 'Gather {{input}}', providerId: openai.id },
      { name: 'Judge', prompt: 'Judge {{previous_output}}', providerId: anthropic.id, model: 'error-500' },
      { name: 'Report', prompt: 'Report {{steps.gather}}', providerId: openai.id },
    ],
  });
  const started = await api.call('pipeline.run', { pipelineId: pipeline.id, input: 'owls' });
  const end = await api.waitForEvent('pipeline.end', (e) => e.runId === started.id);
  expect(end.status).toBe('error');
  expect(end.error!.message).toMatch(/^Step 2 \(Judge\) failed: .*server error/);
  const run = await api.call('pipeline.getRun', { runId: started.id });
  expect(run.steps.map((s) => [s.name, s.status])).toEqual([
    ['Gather', 'done'],
    ['Judge', 'error'],
  ]);
  expect(run.steps[0]!.output).toBe('You said: Gather owls');
  const progress = await api.events('pipeline.progress');
  expect(progress.filter((p) => p.runId === started.id).map((p) => `${p.step.index}:${p.step.status}`)).toEqual(['0:running', '0:done', '1:running', '1:error']);

  const goal = await api.call('goal.save', { title: 'Learn about owls' });
  await api.call('goal.link', { goalId: goal.id, target: { kind: 'conversation', id: sent.conversationId } });
  const linked = await api.call('goal.link', { goalId: goal.id, target: { kind: 'pipeline_run', id: started.id } });
  expect(linked.links).toEqual(
    expect.arrayContaining([
      { kind: 'conversation', id: sent.conversationId },
      { kind: 'pipeline_run', id: started.id },
    ]),
  );
  const done = await api.call('goal.save', { id: goal.id, title: 'Learn about owls', status: 'done' });
  expect(done.status).toBe('done');
  expect(done.links).toHaveLength(2);
});
