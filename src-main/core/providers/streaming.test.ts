import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProviderServer, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import { streamChat, testConnection } from './stream';
import { chatRequest, failedStream, failureOf, TEST_KEY } from './test-helpers';

const TOKEN_DELAY_MS = 25;
let server: ProviderServer;

beforeAll(async () => {
  server = await startProviderServer({ apiKey: TEST_KEY, tokenDelayMs: TOKEN_DELAY_MS });
});
afterAll(() => server.close());

describe('streaming a reply', () => {
  it('returns the whole text, the usage from the final usage chunk and the finish reason', async () => {
    const request = chatRequest(server.url, 'echo', {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there' },
      ],
    });
    const result = await streamChat(request);
    expect(result.text).toBe('You said: Hello there');
    expect(request.deltas.join('')).toBe(result.text);
    // The fixture counts one prompt token per word and one completion token per delta.
    expect(result.usage).toEqual({ inputTokens: 4, outputTokens: 4 });
    expect(result.finishReason).toBe('stop');
    expect(result.model).toBe('echo');
  });

  it('sends the key, the turns and include_usage in the OpenAI request', async () => {
    const messages = [
      { role: 'user' as const, content: 'First' },
      { role: 'assistant' as const, content: 'You said: First' },
      { role: 'user' as const, content: 'Second' },
    ];
    await streamChat(chatRequest(server.url, 'echo', { messages }));
    const sent = server.requests.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(sent.body).toMatchObject({ model: 'echo', stream: true, stream_options: { include_usage: true }, messages });
  });

  it('calls onText for each delta as it arrives, long before the reply ends', async () => {
    const request = chatRequest(server.url, 'echo', {
      messages: [{ role: 'user', content: 'one two three four five six' }],
    });
    await streamChat(request);
    const endedAt = performance.now();
    expect(request.deltas.length).toBeGreaterThanOrEqual(8);
    // Buffered delivery would bunch every delta at the end.
    expect(endedAt - request.deltaTimes[0]!).toBeGreaterThan(4 * TOKEN_DELAY_MS);
    expect(request.deltaTimes.at(-1)! - request.deltaTimes[0]!).toBeGreaterThan(4 * TOKEN_DELAY_MS);
  });

  it('reports null usage when the provider sends no usage chunk', async () => {
    const result = await streamChat(chatRequest(server.url, 'no-usage'));
    expect(result.text).toBe('You said: Hello there');
    expect(result.usage).toEqual({ inputTokens: null, outputTokens: null });
  });

  it('sends no Authorization header when the provider has no key (local servers)', async () => {
    const local = await startProviderServer({ tokenDelayMs: 1 });
    try {
      const result = await streamChat(chatRequest(local.url, 'echo', { apiKey: null }));
      expect(result.text).toBe('You said: Hello there');
      expect(local.requests.at(-1)!.headers).not.toHaveProperty('authorization');
    } finally {
      await local.close();
    }
  });

  it("lets a failure in the caller's onText through unchanged", async () => {
    const mistake = new RangeError('the caller broke');
    const request = chatRequest(server.url, 'echo', {
      onText: () => {
        throw mistake;
      },
    });
    await expect(streamChat(request)).rejects.toBe(mistake);
  });
});

describe('stopping a reply', () => {
  it('rejects promptly with provider.cancelled and keeps the text that arrived', async () => {
    const controller = new AbortController();
    const request = chatRequest(server.url, 'slow', { signal: controller.signal });
    let abortedAt = 0;
    request.onText = (delta) => {
      request.deltas.push(delta);
      if (request.deltas.length === 5) {
        abortedAt = performance.now();
        controller.abort();
      }
    };
    const error = await failedStream(request);
    expect(performance.now() - abortedAt).toBeLessThan(250);
    expect(error.code).toBe('provider.cancelled');
    expect(error.partialText).toBe('word1 word2 word3 word4 word5 ');
    expect(request.deltas).toHaveLength(5);
  });

  it('stops promptly while the provider is silent', async () => {
    const controller = new AbortController();
    const request = chatRequest(server.url, 'stall', { signal: controller.signal });
    setTimeout(() => controller.abort(), 400);
    const error = await failedStream(request);
    expect(error.code).toBe('provider.cancelled');
    expect(error.partialText).toBe('This reply stops early');
  });

  it('does not call the provider when the signal is already aborted', async () => {
    const before = server.requests.length;
    const error = await failedStream(chatRequest(server.url, 'echo', { signal: AbortSignal.abort() }));
    expect(error.code).toBe('provider.cancelled');
    expect(server.requests.length).toBe(before);
  });

  it('ends a reply when the provider goes silent, keeping the text', async () => {
    const started = performance.now();
    const error = await failedStream(chatRequest(server.url, 'stall', { idleTimeoutMs: 300 }));
    expect(error.code).toBe('provider.stalled');
    expect(error.message).toMatch(/sent nothing for 300 ms/);
    expect(error.partialText).toBe('This reply stops early');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('testing a connection', () => {
  it('sends a tiny prompt and returns the model, the reply and the latency', async () => {
    const result = await testConnection({ baseUrl: server.url, apiKey: TEST_KEY, model: 'echo', signal: AbortSignal.timeout(5000) });
    expect(result.model).toBe('echo');
    expect(result.reply).toMatch(/^You said: .*OK$/);
    expect(result.latencyMs).toBeGreaterThan(0);
    const sent = server.requests.at(-1)!.body as Record<string, unknown>;
    // Reasoning models reject max_tokens, so the test must not send it.
    expect(sent).not.toHaveProperty('max_tokens');
  });

  it('says the server took too long when the deadline passes', async () => {
    const error = await failureOf(
      testConnection({ baseUrl: server.url, apiKey: TEST_KEY, model: 'stall', signal: AbortSignal.timeout(300) }),
    );
    expect(error.code).toBe('provider.timeout');
    expect(error.message).toMatch(/did not finish answering in time/);
  });

  it('says when the key is wrong', async () => {
    const error = await failureOf(
      testConnection({ baseUrl: server.url, apiKey: 'sk-not-the-right-key-000000', model: 'echo', signal: AbortSignal.timeout(5000) }),
    );
    expect(error.code).toBe('provider.auth');
  });
});
