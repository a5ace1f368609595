// The "OpenAI-compatible" provider kind (base URL, API key, model), through the AI SDK.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText, type LanguageModelUsage } from 'ai';
import type { Usage } from '../../../src-shared/domain';
import { hostOf, ProviderError, scrub, stoppedError, StreamEndedEarly, toProviderError, type FailureContext } from './errors';
import type { ConnectionTestRequest, ConnectionTestResult, StreamRequest, StreamResult } from './types';

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/** A failure inside the caller's `onText`: it is theirs, not the provider's. */
class CallerFailure {
  constructor(readonly error: unknown) {}
}

/** The base URL, checked and without trailing slashes, or an error saying what is wrong with it. */
function checkedBaseUrl(baseUrl: string, apiKey: string | null): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  let url: URL | null = null;
  try {
    url = new URL(trimmed);
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ProviderError(
      'provider.bad_base_url',
      scrub(`“${trimmed}” is not a web address. A base URL starts with http:// or https://, like https://api.openai.com/v1.`, apiKey),
    );
  }
  return trimmed;
}

function usageOf(usage: LanguageModelUsage | undefined): Usage {
  return { inputTokens: usage?.inputTokens ?? null, outputTokens: usage?.outputTokens ?? null };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** Aborts when nothing has arrived for `ms`; `touch()` on every part. */
function idleWatch(ms: number) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  return {
    signal: controller.signal,
    touch() {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), ms);
    },
    clear: () => clearTimeout(timer),
  };
}

function startStream(request: StreamRequest, baseUrl: string, abortSignal: AbortSignal) {
  const provider = createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: baseUrl,
    ...(request.apiKey ? { apiKey: request.apiKey } : {}),
    includeUsage: true,
  });
  return streamText({
    model: provider.chatModel(request.model),
    messages: request.messages,
    // System turns are the user's own (personas), not untrusted input.
    allowSystemInMessages: true,
    abortSignal,
    // Retries are the engine's decision, not the SDK's.
    maxRetries: 0,
    ...(request.maxOutputTokens !== undefined && { maxOutputTokens: request.maxOutputTokens }),
    // Failures come back to us as parts; the SDK's default would print them.
    onError: () => {},
  });
}

/**
 * Streams one reply. Resolves with the whole text and usage; otherwise rejects
 * with a ProviderError whose `partialText` holds what arrived before the failure.
 * An abort ends the HTTP call, so the SDK ends `fullStream` at once.
 */
export async function streamChat(request: StreamRequest): Promise<StreamResult> {
  const baseUrl = checkedBaseUrl(request.baseUrl, request.apiKey);
  const context: FailureContext = { baseUrl, apiKey: request.apiKey, partialText: '' };
  if (request.signal.aborted) throw stoppedError(request.signal.reason, context);

  const idleMs = request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const idle = idleWatch(idleMs);
  // Ends the HTTP call when we stop reading early (an error part, a throwing onText).
  const finished = new AbortController();
  try {
    idle.touch();
    const result = startStream(request, baseUrl, AbortSignal.any([request.signal, idle.signal, finished.signal]));
    let usage: Usage = { inputTokens: null, outputTokens: null };
    let finishReason: string | null = null;
    let model = request.model;
    for await (const part of result.fullStream) {
      idle.touch();
      switch (part.type) {
        case 'text-delta':
          if (!part.text) break;
          context.partialText += part.text;
          try {
            request.onText(part.text);
          } catch (error) {
            throw new CallerFailure(error);
          }
          break;
        case 'error':
          throw part.error;
        case 'finish-step':
          model = part.response.modelId || model;
          break;
        case 'finish':
          usage = usageOf(part.totalUsage);
          finishReason = part.finishReason;
          break;
      }
    }
    // The SDK reports a stream without a finish reason as an error part first;
    // this catches one that simply ends, and the end that follows an abort.
    if (finishReason === null || finishReason === 'error') throw new StreamEndedEarly();
    return { text: context.partialText, usage, finishReason, model };
  } catch (error) {
    if (error instanceof CallerFailure) throw error.error;
    if (request.signal.aborted) throw stoppedError(request.signal.reason, context);
    if (idle.signal.aborted) {
      throw new ProviderError(
        'provider.stalled',
        `${hostOf(baseUrl)} sent nothing for ${seconds(idleMs)}, so the reply was ended. The text that arrived is kept; send again to retry.`,
        context.partialText,
      );
    }
    throw toProviderError(error, context);
  } finally {
    idle.clear();
    finished.abort();
  }
}

/** Sends a tiny prompt to check the base URL, key and model together. */
export async function testConnection(request: ConnectionTestRequest): Promise<ConnectionTestResult> {
  const started = performance.now();
  // No maxOutputTokens: reasoning models reject `max_tokens`.
  const result = await streamChat({
    ...request,
    messages: [{ role: 'user', content: 'Reply with the single word: OK' }],
    onText: () => {},
  });
  return { model: result.model, reply: result.text.trim(), latencyMs: Math.round(performance.now() - started) };
}
