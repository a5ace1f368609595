import { describe, expect, it } from 'vitest';
import { usageText } from './message-format';

describe('usageText', () => {
  it('says nothing when the provider reported no usage', () => {
    expect(usageText({ inputTokens: null, outputTokens: null })).toBeNull();
  });

  it('shows input and output tokens', () => {
    expect(usageText({ inputTokens: 1200, outputTokens: 34 })).toBe('1,200 tokens in · 34 out');
    expect(usageText({ inputTokens: null, outputTokens: 34 })).toBe('34 tokens out');
    expect(usageText({ inputTokens: 5, outputTokens: null })).toBe('5 tokens in');
  });
});
