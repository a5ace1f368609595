// Compare with real parts: four provider kinds at once against the local server
// (each in its own wire format), a real SQLite store and the passphrase vault.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import { uuidv7 } from '../../../src-shared/ids';
import { chatHarness, type ChatHarness } from './test-support';

const apiKey = 'sk-compare-test-7c1d';
let server: ProviderServer;
let h: ChatHarness;

beforeAll(async () => {
  server = await startProviderServer({ apiKey, tokenDelayMs: 5 });
});
afterAll(() => server.close());
beforeEach(async () => {
  h = await chatHarness(server, apiKey);
});
afterEach(() => h.close());

const PRICE = { inputPerMTok: 2, outputPerMTok: 10 };

async function priceEcho(kinds: ('openai' | 'anthropic' | 'google' | 'mistral' | 'ollama')[]) {
  for (const kind of kinds) await h.chat.overrides.save({ id: 'echo', kind, label: 'Echo', contextWindow: 8000, maxOutputTokens: 1000, capabilities: { vision: false, tools: false, reasoning: false }, price: PRICE });
}

async function finished(conversationId: string, runId: string) {
  for (;;) {
    const view = await h.compare.get(conversationId, runId);
    if (view.columns.every((c) => c.status !== 'streaming')) return view;
    await h.waitFor('compare.updated', () => true, 10_000);
    h.events.length = 0;
  }
}

describe('comparing four providers at once', () => {
  it('finishes and stores the three that answer while the failing one shows its error', async () => {
    await priceEcho(['openai', 'anthropic', 'google']);
    const openai = await h.addProvider('openai', 'echo');
    const anthropic = await h.addProvider('anthropic', 'echo');
    const google = await h.addProvider('google', 'echo');
    const broken = await h.addProvider('mistral', 'error-500');

    const started = await h.compare.start({
      text: 'Which is best?',
      columns: [{ providerId: openai.id }, { providerId: anthropic.id }, { providerId: google.id }, { providerId: broken.id }],
      blind: false,
    });
    expect(started.columns.map((c) => c.label)).toEqual(['A', 'B', 'C', 'D']);
    const view = await finished(started.conversationId, started.id);

    const [a, b, c, d] = view.columns;
    for (const column of [a!, b!, c!]) {
      expect(column.status).toBe('done');
      expect(column.content).toBe('You said: Which is best?');
      expect(column.usage).toEqual({ inputTokens: 3, outputTokens: 5 });
      expect(column.metrics!.ttftMs).toBeGreaterThan(0);
      expect(column.metrics!.durationMs).toBeGreaterThanOrEqual(column.metrics!.ttftMs!);
      expect(column.metrics!.costUsd).toBeCloseTo((3 * 2 + 5 * 10) / 1e6, 12);
    }
    expect(d!.status).toBe('error');
    expect(d!.error!.code).toBe('provider.server_error');
    expect(d!.error!.message).toMatch(/server error \(HTTP 500\)/);
    expect(d!.metrics!.attempts).toBe(3);

    // Siblings under the one prompt, in the stored tree.
    const stored = await h.store.getConversation(view.conversationId);
    const replies = stored!.messages.filter((m) => m.role === 'assistant');
    expect(replies).toHaveLength(4);
    for (const reply of replies) expect(reply.parentId).toBe(view.promptMessageId);
    expect(new Set(replies.map((r) => r.providerId))).toEqual(new Set([openai.id, anthropic.id, google.id, broken.id]));

    // Each call is in the usage ledger with its outcome.
    const ledger = await h.store.queryUsage({ limit: 100 });
    const rows = ledger.filter((r) => replies.some((m) => m.id === r.messageId));
    expect(rows.map((r) => r.outcome).sort()).toEqual(['done', 'done', 'done', 'error']);
    expect(rows.find((r) => r.outcome === 'error')!.errorCode).toBe('provider.server_error');
  });

  it('fails only the column whose provider has no key, before any call', async () => {
    const openai = await h.addProvider('openai', 'echo');
    const keyless = await h.addProvider('anthropic', 'echo');
    await h.vault.delete(keyless.id);
    const started = await h.compare.start({ text: 'Hello', columns: [{ providerId: openai.id }, { providerId: keyless.id }], blind: false });
    const view = await finished(started.conversationId, started.id);
    expect(view.columns[0]!.status).toBe('done');
    expect(view.columns[1]!.status).toBe('error');
    expect(view.columns[1]!.error!.code).toBe('provider.no_key');
  });

  it('refuses a comparison where no column can start, storing nothing', async () => {
    await expect(
      h.compare.start({ text: 'Hello', columns: [{ providerId: uuidv7() }, { providerId: uuidv7() }], blind: false }),
    ).rejects.toMatchObject({ code: 'provider.missing' });
    expect(await h.store.listConversations(10)).toEqual([]);
  });
});

describe('a comparison in progress', () => {
  it('stops one column and lets the others finish', async () => {
    const fast = await h.addProvider('openai', 'echo');
    const slow = await h.addProvider('anthropic', 'slow');
    const started = await h.compare.start({ text: 'Race', columns: [{ providerId: fast.id }, { providerId: slow.id }], blind: false });
    const slowId = started.columns[1]!.messageId;
    await h.waitFor('stream.delta', (p) => p.messageId === slowId);
    expect(await h.compare.stop(started.conversationId, started.id, slowId)).toBe(1);
    const view = await finished(started.conversationId, started.id);
    expect(view.columns[0]!.status).toBe('done');
    expect(view.columns[1]!.status).toBe('interrupted');
    expect(view.columns[1]!.content.length).toBeGreaterThan(0);
  });
});

describe('blind comparisons, votes and the leaderboard', () => {
  it('hides models until the vote, reveals them after, and ranks the winner first', async () => {
    const one = await h.addProvider('openai', 'echo');
    const two = await h.addProvider('ollama', 'no-usage');
    const started = await h.compare.start({ text: 'Blind test', columns: [{ providerId: one.id }, { providerId: two.id }], blind: true });
    const hidden = await finished(started.conversationId, started.id);
    expect(hidden.revealed).toBe(false);
    for (const column of hidden.columns) {
      expect(column.providerId).toBeNull();
      expect(column.model).toBeNull();
      expect(column.metrics!.model).toBeNull();
      expect(column.metrics!.costUsd).toBeNull();
    }
    for (const end of h.payloads('stream.end')) expect(end.message.model).toBeNull();

    const winner = hidden.columns[1]!.messageId;
    const voted = await h.compare.vote({ conversationId: started.conversationId, runId: started.id, winnerMessageId: winner });
    expect(voted.revealed).toBe(true);
    expect(voted.columns.map((c) => c.providerId)).toEqual([one.id, two.id]);
    expect(voted.vote!.winnerMessageId).toBe(winner);
    expect(voted.vote!.ranking[0]).toBe(winner);

    // A second vote replaces the first: still one vote per run.
    await h.compare.vote({ conversationId: started.conversationId, runId: started.id, winnerMessageId: winner });
    expect(await h.store.listVotes(started.id)).toHaveLength(1);

    const board = await h.compare.leaderboard();
    expect(board.map((r) => [r.model, r.wins, r.losses])).toEqual([
      ['no-usage', 1, 0],
      ['echo', 0, 1],
    ]);
  });

  it('computes win rate and Elo per model across runs', async () => {
    const a = await h.addProvider('openai', 'echo');
    const b = await h.addProvider('anthropic', 'no-usage');
    for (const winnerIndex of [0, 0, 1]) {
      const run = await h.compare.start({ text: `Round ${winnerIndex}`, columns: [{ providerId: a.id }, { providerId: b.id }], blind: false });
      const view = await finished(run.conversationId, run.id);
      await h.compare.vote({ conversationId: run.conversationId, runId: run.id, winnerMessageId: view.columns[winnerIndex]!.messageId });
    }
    const board = await h.compare.leaderboard();
    expect(board.map((r) => r.model)).toEqual(['echo', 'no-usage']);
    expect(board[0]).toMatchObject({ runs: 3, wins: 2, losses: 1 });
    expect(board[0]!.winRate).toBeCloseTo(2 / 3);
    expect(board[0]!.elo).toBeGreaterThan(1000);
    expect(board[1]!.elo).toBeLessThan(1000);
  });

  it('ranks the same model id from two providers as two entrants, named by provider', async () => {
    const local = await h.addProvider('ollama', 'echo');
    const cloud = await h.addProvider('openai', 'echo');
    const run = await h.compare.start({ text: 'Same model twice', columns: [{ providerId: local.id }, { providerId: cloud.id }], blind: false });
    const view = await finished(run.conversationId, run.id);
    await h.compare.vote({ conversationId: run.conversationId, runId: run.id, winnerMessageId: view.columns[0]!.messageId });
    const board = await h.compare.leaderboard();
    expect(board.map((r) => [r.providerId, r.provider, r.model, r.wins, r.losses])).toEqual([
      [local.id, local.name, 'echo', 1, 0],
      [cloud.id, cloud.name, 'echo', 0, 1],
    ]);
  });

  it('continues the conversation from the chosen reply', async () => {
    const a = await h.addProvider('openai', 'echo');
    const b = await h.addProvider('google', 'echo');
    const run = await h.compare.start({ text: 'Pick me', columns: [{ providerId: a.id }, { providerId: b.id }], blind: false });
    const view = await finished(run.conversationId, run.id);
    const chosen = view.columns[0]!.messageId;
    await h.compare.choose(run.conversationId, run.id, chosen);
    expect((await h.store.getBranch(run.conversationId)).at(-1)!.id).toBe(chosen);

    const next = await h.chat.send({ conversationId: run.conversationId, providerId: a.id, text: 'And then?' });
    await h.waitFor('stream.end', (p) => p.messageId === next.assistantMessageId);
    const stored = await h.store.getConversation(run.conversationId);
    expect(stored!.messages.find((m) => m.id === next.userMessageId)!.parentId).toBe(chosen);
    const branch = await h.store.getBranch(run.conversationId);
    expect(branch.map((m) => m.id)).toEqual([view.promptMessageId, chosen, next.userMessageId, next.assistantMessageId]);

    // A later comparison in the same conversation joins the shown branch and is shown.
    const again = await h.compare.start({ conversationId: run.conversationId, text: 'Once more', columns: [{ providerId: a.id }, { providerId: b.id }], blind: false });
    const later = await finished(again.conversationId, again.id);
    const shown = await h.store.getBranch(run.conversationId);
    expect(shown.at(-2)!.id).toBe(later.promptMessageId);
    expect(later.columns.map((c) => c.messageId)).toContain(shown.at(-1)!.id);
    expect(shown.at(-3)!.id).toBe(next.assistantMessageId);
  });

  it('continues with the chosen reply’s provider and model, not the provider’s default', async () => {
    const a = await h.addProvider('openai', 'echo');
    const run = await h.compare.start({ text: 'Two models', columns: [{ providerId: a.id }, { providerId: a.id, model: 'markdown' }], blind: false });
    const view = await finished(run.conversationId, run.id);
    const chosen = await h.compare.choose(run.conversationId, run.id, view.columns[1]!.messageId);
    expect(chosen).toMatchObject({ providerId: a.id, model: 'markdown' });

    // The composer names the provider only, as it does.
    const next = await h.chat.send({ conversationId: run.conversationId, providerId: a.id, text: 'Go on' });
    await h.waitFor('stream.end', (p) => p.messageId === next.assistantMessageId);
    const reply = (await h.store.getConversation(run.conversationId))!.messages.find((m) => m.id === next.assistantMessageId)!;
    expect(reply.model).toBe('markdown');
    expect(reply.parentId).toBe(next.userMessageId);
  });
});
