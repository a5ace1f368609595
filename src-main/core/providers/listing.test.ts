import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS, startProviderServer, type FixtureKind, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import { kindInfo, PROVIDER_KINDS } from '../../../src-shared/catalog';
import { listLiveModels } from './listing';
import { failureOf, TEST_KEY } from './test-helpers';

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: TEST_KEY, tokenDelayMs: 1 });
});
afterAll(() => server.close());

const live = PROVIDER_KINDS.filter((k) => k.listing === 'live').map((k) => k.kind as FixtureKind);

describe('listing a provider\'s models live', () => {
  it.each(live)('reads %s\'s own listing format', async (kind) => {
    const models = await listLiveModels(
      { kind, baseUrl: server.urlFor(kind), apiKey: kindInfo(kind).key === 'none' ? null : TEST_KEY },
      { signal: AbortSignal.timeout(5000) },
    );
    expect(models.map((m) => m.id)).toEqual([...SCENARIOS].sort());
    for (const model of models) expect(model).toMatchObject({ kind, source: 'live' });
  });

  it('takes prices and limits from OpenRouter\'s listing', async () => {
    const [first] = await listLiveModels({ kind: 'openrouter', baseUrl: server.urlFor('openrouter'), apiKey: TEST_KEY }, { signal: AbortSignal.timeout(5000) });
    expect(first).toMatchObject({ contextWindow: 128_000, maxOutputTokens: 16_384, capabilities: { reasoning: true } });
    expect(first!.price!.inputPerMTok).toBeCloseTo(2.5, 9);
    expect(first!.price!.outputPerMTok).toBeCloseTo(10, 9);
  });

  it('takes limits from Gemini\'s listing', async () => {
    const [first] = await listLiveModels({ kind: 'google', baseUrl: server.urlFor('google'), apiKey: TEST_KEY }, { signal: AbortSignal.timeout(5000) });
    expect(first).toMatchObject({ contextWindow: 1_048_576, maxOutputTokens: 65_536 });
  });

  it('says the key was rejected, in words', async () => {
    const error = await failureOf(listLiveModels({ kind: 'anthropic', baseUrl: server.urlFor('anthropic'), apiKey: 'sk-wrong-000000' }, { signal: AbortSignal.timeout(5000) }));
    expect(error.code).toBe('provider.auth');
    expect(error.message).not.toContain('sk-wrong-000000');
  });

  it('returns nothing for a kind without a listing (Azure deployments)', async () => {
    expect(await listLiveModels({ kind: 'azure', baseUrl: server.urlFor('azure'), apiKey: TEST_KEY }, { signal: AbortSignal.timeout(5000) })).toEqual([]);
  });
});
