import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../src-shared/api/contract';
import { CONVERSATION, endOf, message, PROVIDER, provider, settle, setup, USER } from '../state/test-support';
import { CompareController } from './compare-controller';

const OTHER = '01890000-0000-7000-8000-0000000000ab';
const RUN = '01890000-0000-7000-8000-0000000000c1';
const A = '01890000-0000-7000-8000-0000000000a1';
const B = '01890000-0000-7000-8000-0000000000b1';

function runView(overrides: Partial<MethodOutput<'compare.get'>> = {}): MethodOutput<'compare.get'> {
  const column = (messageId: string, label: string, providerId: string) => ({
    messageId,
    label,
    providerId,
    model: 'test-model',
    status: 'streaming' as const,
    content: '',
    error: null,
    usage: { inputTokens: null, outputTokens: null },
    metrics: null,
  });
  return {
    id: RUN,
    conversationId: CONVERSATION,
    promptMessageId: USER,
    prompt: 'Which is faster?',
    blind: false,
    revealed: true,
    createdAt: 1,
    vote: null,
    columns: [column(A, 'A', PROVIDER), column(B, 'B', OTHER)],
    ...overrides,
  };
}

describe('CompareController', () => {
  it('runs a comparison through the core, and each column takes its reply’s end', async () => {
    const other = { ...provider, id: OTHER, name: 'Other' };
    const { api, stores } = setup({ 'provider.list': () => [provider, other], 'compare.start': () => runView() });
    await settle();
    let clock = 1000;
    const compare = new CompareController(stores, () => clock);
    compare.syncProviders(stores.providers.state.providers);
    expect(compare.state.columns).toEqual([PROVIDER, OTHER]);

    await expect(compare.start(' Which is faster? ', stores.providers.state.providers)).resolves.toBe(true);
    expect(api.called('compare.start')[0]?.input).toEqual({ text: 'Which is faster?', blind: false, columns: [{ providerId: PROVIDER }, { providerId: OTHER }] });
    expect(compare.isRunning()).toBe(true);

    clock = 1500;
    const metrics = { ttftMs: 120, durationMs: 900, costUsd: 0.002, attempts: 1, model: 'test-model' };
    api.emit('stream.end', { ...endOf(message({ id: A, content: 'Mine.', status: 'done', usage: { inputTokens: 3, outputTokens: 2 } })), metrics });
    expect(compare.state.run?.replies[0]).toMatchObject({ status: 'done', text: 'Mine.', outputTokens: 2, costUsd: 0.002, firstTokenAt: 1120, endedAt: 1900 });
    expect(compare.state.run?.replies[1]?.status).toBe('streaming');
  });

  it('needs two columns before it asks the core', async () => {
    const { api, stores } = setup({ 'provider.list': () => [] });
    await settle();
    const compare = new CompareController(stores);
    await expect(compare.start('Hi', [])).resolves.toBe(false);
    expect(compare.state.error).toBe('needColumns');
    expect(api.called('compare.start')).toEqual([]);
  });

  it('votes through the core and shows the core’s leaderboard', async () => {
    const other = { ...provider, id: OTHER, name: 'Other' };
    const board = [{ providerId: OTHER, provider: 'Other', model: 'test-model', runs: 1, wins: 1, losses: 0, ties: 0, winRate: 1, elo: 1016 }];
    const done = runView({ columns: runView().columns.map((c) => ({ ...c, status: 'done' as const })) });
    const { api, stores } = setup({
      'provider.list': () => [provider, other],
      'compare.start': () => done,
      'compare.vote': () => ({ ...done, vote: { id: USER, runId: RUN, winnerMessageId: B, ranking: [B, A], createdAt: 2 } }),
      'compare.leaderboard': () => board,
    });
    await settle();
    const compare = new CompareController(stores);
    compare.syncProviders(stores.providers.state.providers);
    await compare.start('Hi', stores.providers.state.providers);
    compare.vote(1);
    await settle();
    expect(api.called('compare.vote')[0]?.input).toEqual({ conversationId: CONVERSATION, runId: RUN, winnerMessageId: B });
    expect(compare.state.run?.vote).toBe(1);
    expect(compare.state.leaderboard).toEqual(board);
  });
});
