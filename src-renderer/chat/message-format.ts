// Small wording helpers for messages, kept apart so they can be tested without a DOM.
import type { Message, ProviderView, Usage } from '../../src-shared/domain';
import { i18n, t } from '../i18n';
import { numberFormat } from '../i18n/number-format';

function count(value: number): string {
  return numberFormat(i18n.language).format(value);
}

/** "12 tokens in · 340 out", or null when the provider did not say. */
export function usageText(usage: Usage): string | null {
  const { inputTokens, outputTokens } = usage;
  if (inputTokens === null && outputTokens === null) return null;
  const parts: string[] = [];
  if (inputTokens !== null) parts.push(t('usage.in', { count: inputTokens, formatted: count(inputTokens) }));
  if (outputTokens !== null) {
    parts.push(
      inputTokens === null
        ? t('usage.outOnly', { count: outputTokens, formatted: count(outputTokens) })
        : t('usage.out', { count: outputTokens, formatted: count(outputTokens) }),
    );
  }
  return parts.join(' · ');
}

/** "$0.0012": enough digits that a cheap call does not read as free. */
export function costText(usd: number | null | undefined): string | null {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return null;
  const digits = usd === 0 ? 2 : usd < 0.01 ? 4 : usd < 1 ? 3 : 2;
  return numberFormat(i18n.language, { style: 'currency', currency: 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(usd);
}

/** A reply's cost line, or null: a failed reply shows none ("$0.00" beside an error read as a charge). */
export function replyCostText(message: Pick<Message, 'role' | 'status' | 'costUsd'>, liveCostUsd?: number | null): string | null {
  if (message.role !== 'assistant' || message.status === 'error') return null;
  return costText(liveCostUsd ?? message.costUsd);
}

/**
 * "Local Ollama · llama3": who wrote a reply, provider and model, since the same
 * model id can come from two providers. Just the model when its provider is gone;
 * null for the user's own messages and replies with no model named.
 */
export function replyWriter(message: Pick<Message, 'role' | 'providerId' | 'model'>, providers: readonly Pick<ProviderView, 'id' | 'name'>[]): string | null {
  if (message.role !== 'assistant' || !message.model) return null;
  const provider = message.providerId ? providers.find((p) => p.id === message.providerId) : undefined;
  return provider ? `${provider.name} · ${message.model}` : message.model;
}
