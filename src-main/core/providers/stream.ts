// One streamed reply from one provider, any kind, through the AI SDK: deltas as
// they arrive, reasoning apart from the answer, connect and idle timeouts,
// cancellation, and a ProviderError that keeps the text when anything fails.
// The provider package speaks the wire format (its `doStream`); we read its parts
// directly rather than through streamText, whose step, tool and tee machinery a
// plain chat reply does not use and which costs every token a few more hops.
import type { LanguageModelV3, LanguageModelV3Prompt, LanguageModelV3Usage } from '@ai-sdk/provider';
import { kindInfo } from '../../../src-shared/catalog/kinds';
import type { Usage } from '../../../src-shared/domain';
import { hostOf, ProviderError, scrub, stoppedError, StreamEndedEarly, toProviderError, type FailureContext } from './errors';
import { prepareModel } from './language-model';
import { guardNdjson } from './ndjson-guard';
import type { ChatTurn, ConnectionTestRequest, ConnectionTestResult, StreamRequest, StreamResult } from './types';

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** A failure inside the caller's callbacks: it is theirs, not the provider's. */
class CallerFailure {
  constructor(readonly error: unknown) {}
}

/** The base URL, checked and without trailing slashes, or an error saying what is wrong with it. */
export function checkedBaseUrl(baseUrl: string, apiKey: string | null): string {
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
      { url: scrub(trimmed, apiKey) },
    );
  }
  return trimmed;
}

function usageOf(usage: LanguageModelV3Usage | undefined): Usage {
  return { inputTokens: usage?.inputTokens.total ?? null, outputTokens: usage?.outputTokens.total ?? null };
}

/**
 * Our turns as the provider interface's prompt. System turns are the user's own
 * (personas). A user turn's images come before its text, as the providers advise.
 */
export function promptOf(turns: ChatTurn[]): LanguageModelV3Prompt {
  return turns.map((turn): LanguageModelV3Prompt[number] => {
    if (turn.role === 'system') return { role: 'system', content: turn.content };
    if (turn.role === 'assistant') return { role: 'assistant', content: [{ type: 'text', text: turn.content }] };
    const images = (turn.images ?? []).map((image) => ({
      type: 'file' as const,
      mediaType: image.mediaType,
      data: image.data,
      filename: image.fileName,
    }));
    return { role: 'user', content: [...images, { type: 'text', text: turn.content }] };
  });
}

/**
 * Lets I/O that has already arrived (another reply's tokens) be handled before
 * the next stretch of synchronous work. Building a request (the provider model,
 * the prompt, undici's request and its web streams) takes one to a few
 * milliseconds; with several replies streaming, a token that arrives meanwhile
 * waited behind it. Measured with 4 replies at a time (bench/providers.bench.ts,
 * 11 alternating runs each): the p95 time the app adds to a first token went
 * from 2.04 to 1.62 ms (medians of the runs); a new request starts a turn of the
 * event loop later.
 */
const yieldToPendingIo = () => new Promise<void>((resolve) => setImmediate(resolve));

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** Aborts when `arm`ed and nothing happens for `ms`; `touch()` on every part. */
function watchdog(ms: number) {
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

/**
 * fetch with a connect deadline: aborts when the response headers have not come
 * within `connect` (the idle watchdog takes over once they have).
 */
function deadlineFetch(connectMs: number, connect: AbortController, onHeaders: () => void, guard: (r: Response) => Response): typeof fetch {
  return async (input, init) => {
    const timer = setTimeout(() => connect.abort(), connectMs);
    try {
      const response = await fetch(input, init);
      onHeaders();
      return guard(response);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Streams one reply. Resolves with the text, reasoning and usage; otherwise
 * rejects with a ProviderError whose `partialText` holds what arrived before the
 * failure. One attempt only: retrying is `streamWithRetries`' decision.
 */
export async function streamChat(request: StreamRequest): Promise<StreamResult> {
  const kind = request.kind ?? 'openai-compatible';
  const baseUrl = checkedBaseUrl(request.baseUrl, request.apiKey);
  const context: FailureContext = { baseUrl, apiKey: request.apiKey, partialText: '' };
  if (request.signal.aborted) throw stoppedError(request.signal.reason, context);
  if (!request.apiKey && kindInfo(kind).key === 'required') {
    throw new ProviderError(
      'provider.no_key',
      `There is no API key for ${kindInfo(kind).label}. Add the key in Providers, then send again.`,
      { provider: kindInfo(kind).label },
    );
  }

  const started = performance.now();
  const idleMs = request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const connectMs = request.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const idle = watchdog(idleMs);
  const connect = new AbortController();
  // Ends the HTTP call when we stop reading early (an error part, a throwing callback).
  const finished = new AbortController();
  let reasoning = '';
  let ttftMs: number | null = null;
  const deliver = (callback: ((delta: string) => void) | undefined, delta: string) => {
    ttftMs ??= performance.now() - started;
    try {
      callback?.(delta);
    } catch (error) {
      throw new CallerFailure(error);
    }
  };
  try {
    await yieldToPendingIo();
    const { model, providerOptions } = await prepareModel({
      kind,
      baseUrl,
      apiKey: request.apiKey,
      model: request.model,
      settings: request.settings ?? {},
      reasoning: request.reasoning ?? false,
      fetch: deadlineFetch(connectMs, connect, () => idle.touch(), kind === 'ollama' ? guardNdjson : (response) => response),
    });
    const params = request.params ?? {};
    await yieldToPendingIo();
    // The SDK never retries here: retrying is the engine's decision (retry.ts).
    const { stream } = await (model as LanguageModelV3).doStream({
      prompt: promptOf(request.messages),
      abortSignal: AbortSignal.any([request.signal, idle.signal, connect.signal, finished.signal]),
      ...(params.maxOutputTokens !== undefined && { maxOutputTokens: params.maxOutputTokens }),
      ...(params.temperature !== undefined && { temperature: params.temperature }),
      ...(params.topP !== undefined && { topP: params.topP }),
      ...(Object.keys(providerOptions).length > 0 && { providerOptions: providerOptions as never }),
    });
    let usage: Usage = { inputTokens: null, outputTokens: null };
    let reasoningTokens: number | null = null;
    let finishReason: string | null = null;
    let answeredBy = request.model;
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value: part } = await reader.read();
        if (done) break;
        idle.touch();
        switch (part.type) {
          case 'text-delta':
            if (!part.delta) break;
            context.partialText += part.delta;
            deliver(request.onText, part.delta);
            break;
          case 'reasoning-delta':
            if (!part.delta) break;
            reasoning += part.delta;
            deliver(request.onReasoning, part.delta);
            break;
          case 'error':
            throw part.error;
          case 'response-metadata':
            answeredBy = part.modelId || answeredBy;
            break;
          case 'finish':
            usage = usageOf(part.usage);
            reasoningTokens = part.usage.outputTokens.reasoning ?? null;
            finishReason = part.finishReason.unified;
            break;
        }
      }
    } finally {
      reader.releaseLock();
    }
    // A stream that simply ends (and the end that follows an abort) has no finish.
    if (finishReason === null || finishReason === 'error') throw new StreamEndedEarly();
    return {
      text: context.partialText,
      reasoning,
      usage,
      reasoningTokens,
      finishReason,
      model: answeredBy,
      ttftMs,
      durationMs: performance.now() - started,
    };
  } catch (error) {
    if (error instanceof CallerFailure) throw error.error;
    if (request.signal.aborted) throw stoppedError(request.signal.reason, context);
    if (connect.signal.aborted) {
      throw new ProviderError(
        'provider.connect_timeout',
        `${hostOf(baseUrl)} did not answer within ${seconds(connectMs)}. Check the base URL and that the server is running, then try again.`,
        { host: hostOf(baseUrl), duration: seconds(connectMs) },
        context.partialText,
      );
    }
    if (idle.signal.aborted) {
      throw new ProviderError(
        'provider.stalled',
        `${hostOf(baseUrl)} sent nothing for ${seconds(idleMs)}, so the reply was ended. The text that arrived is kept; send again to retry.`,
        { host: hostOf(baseUrl), duration: seconds(idleMs) },
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
