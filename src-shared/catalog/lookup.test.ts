import { describe, expect, it } from 'vitest';
import { CATALOG, catalogFor, costOf, findModel, kindInfo, PROVIDER_KINDS, type ModelOverride } from './index';
import { ProviderKind } from '../domain';

describe('the catalog', () => {
  it('describes every provider kind, and every entry has a price and limits', () => {
    expect(PROVIDER_KINDS.map((k) => k.kind).sort()).toEqual([...ProviderKind.options].sort());
    for (const entry of CATALOG) {
      expect(entry.price, entry.id).not.toBeNull();
      expect(entry.contextWindow, entry.id).toBeGreaterThan(0);
      expect(entry.maxOutputTokens, entry.id).toBeGreaterThan(0);
    }
    expect(kindInfo('anthropic').defaultBaseUrl).toBe('https://api.anthropic.com/v1');
  });

  it('finds dated snapshots and aliases by their catalog id, the longest match first', () => {
    expect(findModel('openai', 'gpt-4o-2024-08-06')!.id).toBe('gpt-4o');
    expect(findModel('openai', 'gpt-4o-mini-2024-07-18')!.price).toEqual({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
    expect(findModel('anthropic', 'claude-sonnet-4-5-20250929')!.label).toBe('Claude Sonnet 4.5');
    // A different model that merely starts like a catalog id is not priced as it.
    expect(findModel('openai', 'gpt-4o-audio-preview')).toBeNull();
  });

  it('prices OpenRouter and Azure ids through the model they route to', () => {
    expect(findModel('openrouter', 'anthropic/claude-haiku-4.5')!.price).toEqual({ inputPerMTok: 1, outputPerMTok: 5 });
    expect(findModel('azure', 'gpt-4.1-nano')!.price).toEqual({ inputPerMTok: 0.1, outputPerMTok: 0.4 });
    expect(findModel('openrouter', 'someone/unknown-model')).toBeNull();
  });

  it('treats unknown local models as free and the user override as final', () => {
    expect(findModel('ollama', 'my-finetune:7b')!.price).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    const override: ModelOverride = {
      id: 'gpt-4o',
      kind: 'openai',
      label: 'My GPT-4o',
      contextWindow: null,
      maxOutputTokens: null,
      capabilities: { vision: true, tools: true, reasoning: false },
      price: { inputPerMTok: 1, outputPerMTok: 1 },
    };
    expect(findModel('openai', 'gpt-4o', [override])).toMatchObject({ label: 'My GPT-4o', source: 'custom', price: { inputPerMTok: 1 } });
    expect(catalogFor('openai', [override]).find((m) => m.id === 'gpt-4o')!.source).toBe('custom');
  });

  it('computes a call cost from tokens and prices per million', () => {
    expect(costOf({ inputTokens: 1000, outputTokens: 500 }, { inputPerMTok: 3, outputPerMTok: 15 })).toBeCloseTo(0.0105, 12);
    expect(costOf({ inputTokens: null, outputTokens: 10 }, { inputPerMTok: 3, outputPerMTok: 15 })).toBeCloseTo(0.00015, 12);
    expect(costOf({ inputTokens: null, outputTokens: null }, { inputPerMTok: 3, outputPerMTok: 15 })).toBeNull();
    expect(costOf({ inputTokens: 10, outputTokens: 10 }, null)).toBeNull();
  });
});
