// The "OpenAI-compatible" provider kind (base URL, API key, model), through the AI SDK.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import type { Usage } from '../../../src-shared/domain';
import { ProviderError, toProviderError } from './errors';
import type { StreamRequest, StreamResult } from './types';

function model(baseUrl: string, apiKey: string | null, modelId: string) {
  const provider = createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: baseUrl.replace(/\/+$/, ''),
    ...(apiKey ? { apiKey } : {}),
    includeUsage: true,
  });
  return provider.chatModel(modelId);
}

function usageOf(usage: { inputTokens?: number | undefined; outputTokens?: number | undefined } | undefined): Usage {
  return { inputTokens: usage?.inputTokens ?? null, outputTokens: usage?.outputTokens ?? null };
}

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

export async function streamChat(request: StreamRequest): Promise<StreamResult> {
  let text = '';
  // A provider that goes silent (before or during the reply) is ended, text kept.
  const idleMs = request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const idle = new AbortController();
  let idleTimer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => idle.abort(), idleMs);
  };
  const stalled = () =>
    new ProviderError(
      'provider.stalled',
      `The provider stopped sending for ${Math.round(idleMs / 1000)} s, so the reply was ended. The text that arrived is kept; send again to retry.`,
      text,
    );
  const context = () => ({
    baseUrl: request.baseUrl,
    apiKey: request.apiKey,
    partialText: text,
    aborted: request.signal.aborted,
  });
  let failure: unknown = null;
  try {
    const result = streamText({
      model: model(request.baseUrl, request.apiKey, request.model),
      messages: request.messages,
      abortSignal: AbortSignal.any([request.signal, idle.signal]),
      // Retries are the engine's decision (before the first token only), not the SDK's.
      maxRetries: 0,
      ...(request.maxOutputTokens !== undefined && { maxOutputTokens: request.maxOutputTokens }),
      onError: () => {},
    });
    let usage: Usage = { inputTokens: null, outputTokens: null };
    let finishReason = 'unknown';
    touch();
    for await (const part of result.fullStream) {
      touch();
      switch (part.type) {
        case 'text-delta':
          if (part.text) {
            text += part.text;
            request.onText(part.text);
          }
          break;
        case 'error':
          failure ??= part.error;
          break;
        case 'abort':
          failure ??= new ProviderError('provider.cancelled', 'The reply was stopped.');
          break;
        case 'finish':
          usage = usageOf(part.totalUsage);
          finishReason = part.finishReason;
          break;
      }
    }
    if (request.signal.aborted) throw new ProviderError('provider.cancelled', 'The reply was stopped.', text);
    if (idle.signal.aborted) throw stalled();
    if (failure) throw failure;
    // A stream that ends without a finish reason was cut off by the network.
    if (finishReason === 'unknown' || finishReason === 'other' || finishReason === 'error') {
      throw new ProviderError(
        'provider.stream_broken',
        'The reply was cut off because the connection to the provider broke. The text that arrived is kept; send again to retry.',
        text,
      );
    }
    return { text, usage, finishReason };
  } catch (error) {
    if (idle.signal.aborted && !request.signal.aborted) throw stalled();
    const mapped = toProviderError(error, context());
    throw mapped.partialText === text ? mapped : new ProviderError(mapped.code, mapped.message, text, mapped.retryAfterSeconds);
  } finally {
    clearTimeout(idleTimer);
  }
}

export async function testConnection(options: { baseUrl: string; apiKey: string | null; model: string; signal: AbortSignal }) {
  const started = performance.now();
  const { text } = await streamChat({
    ...options,
    messages: [{ role: 'user', content: 'Reply with the single word: OK' }],
    onText: () => {},
    maxOutputTokens: 16,
  });
  return { model: options.model, reply: text, latencyMs: performance.now() - started };
}
