import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import { ProviderError } from './errors';
import { streamChat, testConnection } from './openai-compatible';
import type { StreamRequest } from './types';

const apiKey = 'sk-provider-test-key-7f3a9c';
let server: ProviderServer;

beforeAll(async () => {
  server = await startProviderServer({ apiKey, tokenDelayMs: 5 });
});
afterAll(() => server.close());

function request(model: string, overrides: Partial<StreamRequest> = {}): StreamRequest & { deltas: string[] } {
  const deltas: string[] = [];
  return {
    baseUrl: server.url,
    apiKey,
    model,
    messages: [{ role: 'user', content: 'Hello there' }],
    signal: new AbortController().signal,
    onText: (delta) => deltas.push(delta),
    deltas,
    ...overrides,
  };
}

async function failure(req: StreamRequest): Promise<ProviderError> {
  try {
    await streamChat(req);
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected the call to fail');
}

describe('the OpenAI-compatible provider', () => {
  it('streams a reply in several deltas with usage, sending the key and include_usage', async () => {
    const req = request('echo');
    const result = await streamChat(req);
    expect(result.text).toBe('You said: Hello there');
    expect(req.deltas.length).toBeGreaterThan(1);
    expect(req.deltas.join('')).toBe(result.text);
    expect(result.usage.outputTokens).toBe(4);
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');
    const last = server.requests.at(-1)!;
    expect(last.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(last.body).toMatchObject({ model: 'echo', stream: true, stream_options: { include_usage: true } });
  });

  it('delivers deltas before the reply ends', async () => {
    let firstDeltaAt = 0;
    const req = request('slow', {
      onText: () => {
        firstDeltaAt ||= performance.now();
      },
    });
    const controller = new AbortController();
    req.signal = controller.signal;
    setTimeout(() => controller.abort(), 300);
    const error = await failure(req);
    expect(firstDeltaAt).toBeGreaterThan(0);
    expect(error.code).toBe('provider.cancelled');
  });

  it('stops promptly when cancelled and keeps the text so far', async () => {
    const controller = new AbortController();
    const req = request('slow', { signal: controller.signal });
    req.onText = (delta) => {
      req.deltas.push(delta);
      if (req.deltas.length === 5) controller.abort();
    };
    const started = performance.now();
    const error = await failure(req);
    expect(performance.now() - started).toBeLessThan(1500);
    expect(error.code).toBe('provider.cancelled');
    expect(error.partialText.startsWith('word0 word1 word2 word3 word4')).toBe(true);
  });

  it('reports a stream cut in the middle, keeping the partial text', async () => {
    const error = await failure(request('cut'));
    expect(error.code).toBe('provider.stream_broken');
    expect(error.message).toMatch(/cut off/);
    expect(error.partialText).toBe('Once upon a time ');
  });

  it('reports a malformed event as a broken stream', async () => {
    const error = await failure(request('malformed'));
    expect(error.code).toBe('provider.stream_broken');
    expect(error.partialText.length).toBeGreaterThan(0);
  });

  it('ends a stream that stalls, with a clear error and the text kept', async () => {
    const started = performance.now();
    const error = await failure(request('stall', { idleTimeoutMs: 300 }));
    expect(error.code).toBe('provider.stalled');
    expect(error.partialText).toBe('Once upon a time ');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it.each([
    ['error-401', 'provider.auth', /API key/],
    ['error-404', 'provider.not_found', /model name/],
    ['no-such-model', 'provider.not_found', /does not exist/],
    ['error-429', 'provider.rate_limited', /Wait 7 s/],
    ['error-500', 'provider.server_error', /server/],
  ])('maps %s to %s with a readable message', async (model, code, message) => {
    const error = await failure(request(model));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    if (model === 'error-429') expect(error.retryAfterSeconds).toBe(7);
  });

  it('says when a wrong key is rejected, without repeating the key', async () => {
    const wrongKey = 'sk-wrong-key-that-must-not-leak-123456';
    const error = await failure(request('echo', { apiKey: wrongKey }));
    expect(error.code).toBe('provider.auth');
    expect(error.message).not.toContain(wrongKey);
    expect(JSON.stringify(error)).not.toContain(wrongKey);
  });

  it('says when the server cannot be reached', async () => {
    const error = await failure(request('echo', { baseUrl: 'http://127.0.0.1:9/v1' }));
    expect(error.code).toBe('provider.unreachable');
    expect(error.message).toBe('Could not reach 127.0.0.1:9. Check the base URL and that the server is running.');
  });

  it('tests a connection', async () => {
    const result = await testConnection({ baseUrl: server.url, apiKey, model: 'echo', signal: AbortSignal.timeout(5000) });
    expect(result.model).toBe('echo');
    expect(result.reply).toContain('You said: Reply with the single word: OK');
    expect(result.latencyMs).toBeGreaterThan(0);
  });
});
