// Small wording helpers for messages, kept apart so they can be tested without a DOM.
import type { Usage } from '../../src-shared/domain';

const count = new Intl.NumberFormat('en');

/** "12 tokens in · 340 out", or null when the provider did not say. */
export function usageText(usage: Usage): string | null {
  const { inputTokens, outputTokens } = usage;
  if (inputTokens === null && outputTokens === null) return null;
  const parts: string[] = [];
  if (inputTokens !== null) parts.push(`${count.format(inputTokens)} tokens in`);
  if (outputTokens !== null) parts.push(`${count.format(outputTokens)} ${inputTokens === null ? 'tokens ' : ''}out`);
  return parts.join(' · ');
}
