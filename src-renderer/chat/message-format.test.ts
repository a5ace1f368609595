import { describe, expect, it } from 'vitest';
import { costText, replyCostText, replyWriter, usageText } from './message-format';

describe('usageText', () => {
  it('says what the provider reported', () => {
    expect(usageText({ inputTokens: 12, outputTokens: 1340 })).toBe('12 tokens in · 1,340 out');
    expect(usageText({ inputTokens: null, outputTokens: 1 })).toBe('1 token out');
    expect(usageText({ inputTokens: null, outputTokens: null })).toBeNull();
  });
});

describe('costText', () => {
  it('keeps enough digits that a cheap call does not read as free', () => {
    expect(costText(0.00123)).toBe('$0.0012');
    expect(costText(0.5)).toBe('$0.500');
    expect(costText(12.3)).toBe('$12.30');
    expect(costText(null)).toBeNull();
  });
});

describe('replyWriter', () => {
  const providers = [
    { id: 'p-local', name: 'Local Ollama' },
    { id: 'p-cloud', name: 'Groq' },
  ];
  it('names provider and model, so the same model id from two providers reads apart', () => {
    expect(replyWriter({ role: 'assistant', providerId: 'p-local', model: 'llama3' }, providers)).toBe('Local Ollama · llama3');
    expect(replyWriter({ role: 'assistant', providerId: 'p-cloud', model: 'llama3' }, providers)).toBe('Groq · llama3');
  });
  it('falls back to the model when the provider is gone, and names nobody for the user', () => {
    expect(replyWriter({ role: 'assistant', providerId: 'p-deleted', model: 'llama3' }, providers)).toBe('llama3');
    expect(replyWriter({ role: 'user', providerId: null, model: null }, providers)).toBeNull();
  });
});

describe('replyCostText', () => {
  it('shows nothing for a failed reply, even when the call was recorded as free', () => {
    expect(replyCostText({ role: 'assistant', status: 'error', costUsd: 0 }, 0)).toBeNull();
    expect(replyCostText({ role: 'assistant', status: 'done', costUsd: 0 })).toBe('$0.00');
    expect(replyCostText({ role: 'assistant', status: 'done', costUsd: null }, 0.00123)).toBe('$0.0012');
    expect(replyCostText({ role: 'user', status: 'done', costUsd: null })).toBeNull();
  });
});
