import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import type { UsageEntry } from '../../../src-shared/entities/usage';
import { percentile } from './repositories/usage';
import { useTempStores } from './testing';

const stores = useTempStores();
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1, 12);
const OPENAI = '01890a5d-ac97-7000-8000-00000000000a';
const LOCAL = '01890a5d-ac97-7000-8000-00000000000b';

function entry(fields: Partial<UsageEntry>): UsageEntry {
  return {
    id: uuidv7(), providerId: OPENAI, model: 'gpt-x', inputTokens: 100, outputTokens: 50, costUsd: 0.01, ttftMs: 200,
    durationMs: 1000, outcome: 'done', errorCode: null, messageId: null, conversationId: null, createdAt: T0, ...fields,
  };
}

describe('usage ledger and analytics', () => {
  it('appends each provider call once, even when the same entry arrives twice', async () => {
    const store = await stores.open();
    const call = entry({});
    await store.appendUsage(call);
    await store.appendUsage({ ...call, outputTokens: 9999 });
    expect(await store.queryUsage({})).toEqual([call]);
    expect((await store.listOutbox(100)).filter((c) => c.table === 'usage_ledger')).toHaveLength(1);
  });

  it('sums tokens and cost per provider, model and UTC day, within a window', async () => {
    const store = await stores.open();
    await store.appendUsage(entry({ createdAt: T0 }));
    await store.appendUsage(entry({ createdAt: T0 + 1000, outcome: 'error', errorCode: 'rate', outputTokens: null, costUsd: 0.002 }));
    await store.appendUsage(entry({ createdAt: T0 + DAY, model: 'llama', providerId: LOCAL, costUsd: null }));
    await store.appendUsage(entry({ createdAt: T0 - 10 * DAY }));

    const window = { from: T0 - DAY, to: T0 + 2 * DAY };
    expect(await store.usageTotals('model', window)).toEqual([
      { key: 'gpt-x', calls: 2, errors: 1, inputTokens: 200, outputTokens: 50, costUsd: 0.012 },
      { key: 'llama', calls: 1, errors: 0, inputTokens: 100, outputTokens: 50, costUsd: 0 },
    ]);
    expect((await store.usageTotals('day', window)).map((t) => [t.key, t.calls])).toEqual([
      ['2026-01-01', 2],
      ['2026-01-02', 1],
    ]);
    expect((await store.usageTotals('provider', window)).map((t) => t.key)).toEqual([OPENAI, LOCAL]);
    expect(await store.queryUsage({ ...window, model: 'llama' })).toHaveLength(1);
  });

  it('reports p50 and p95 latency per model', async () => {
    const store = await stores.open();
    for (let i = 1; i <= 100; i++) await store.appendUsage(entry({ ttftMs: i * 10, durationMs: i * 100 }));
    await store.appendUsage(entry({ model: 'slow', ttftMs: null, durationMs: 5000 }));
    expect(await store.latencyStats({})).toEqual([
      { model: 'gpt-x', calls: 100, ttftP50Ms: 500, ttftP95Ms: 950, durationP50Ms: 5000, durationP95Ms: 9500 },
      { model: 'slow', calls: 1, ttftP50Ms: null, ttftP95Ms: null, durationP50Ms: 5000, durationP95Ms: 5000 },
    ]);
  });

  it('computes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });
});
