// Shared by the provider tests: a request against the local provider server,
// and a way to collect the ProviderError a call rejects with.
import { ProviderError } from './errors';
import { streamChat } from './stream';
import type { StreamRequest } from './types';

export const TEST_KEY = 'sk-fixture-4f9d2c7a1b8e6053';

export type RecordingRequest = StreamRequest & { deltas: string[]; deltaTimes: number[] };

export function chatRequest(baseUrl: string, model: string, overrides: Partial<StreamRequest> = {}): RecordingRequest {
  const deltas: string[] = [];
  const deltaTimes: number[] = [];
  return {
    baseUrl,
    apiKey: TEST_KEY,
    model,
    messages: [{ role: 'user', content: 'Hello there' }],
    signal: new AbortController().signal,
    onText: (delta) => {
      deltas.push(delta);
      deltaTimes.push(performance.now());
    },
    deltas,
    deltaTimes,
    ...overrides,
  };
}

export async function failureOf(call: Promise<unknown>): Promise<ProviderError> {
  const outcome = await call.then(
    () => null,
    (error: unknown) => error,
  );
  if (outcome instanceof ProviderError) return outcome;
  throw new Error(`expected a ProviderError, got ${outcome === null ? 'success' : String(outcome)}`);
}

export function failedStream(request: StreamRequest): Promise<ProviderError> {
  return failureOf(streamChat(request));
}
