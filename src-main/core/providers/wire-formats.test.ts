// Every provider kind against the local server speaking that provider's own wire
// format: the request it sends, the reply it reads (text, usage, reasoning), and
// each broken case mapped to the same readable error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CUT_DELTAS,
  REASONING_DELTAS,
  RETRY_AFTER_SECONDS,
  startProviderServer,
  type FixtureKind,
  type ProviderServer,
} from '../../../e2e/fixtures/provider-server';
import { kindInfo } from '../../../src-shared/catalog';
import type { ProviderKind } from '../../../src-shared/domain';
import type { ProviderSettings } from '../../../src-shared/entities/provider-settings';
import { streamChat } from './stream';
import { chatRequest, failedStream, TEST_KEY } from './test-helpers';
import type { StreamRequest } from './types';

let server: ProviderServer;

beforeAll(async () => {
  server = await startProviderServer({ apiKey: TEST_KEY, tokenDelayMs: 2 });
});
afterAll(() => server.close());

interface KindCase {
  kind: ProviderKind & FixtureKind;
  /** The path the request must reach, for model "echo". */
  path: string;
  query?: Record<string, string>;
  /** The header that carries the key, and how. */
  auth: [header: string, value: string] | null;
  settings?: ProviderSettings;
  /** Streams reasoning text (OpenAI's and Azure's chat APIs only count reasoning tokens). */
  reasoningText: boolean;
  /** Honours stream_options.include_usage, so "no-usage" means no usage. */
  optionalUsage: boolean;
  overloadedCode: string;
}

const bearer: [string, string] = ['authorization', `Bearer ${TEST_KEY}`];
const chat = (kind: KindCase['kind'], path: string, extra: Partial<KindCase> = {}): KindCase => ({
  kind,
  path,
  auth: bearer,
  reasoningText: true,
  optionalUsage: false,
  overloadedCode: 'provider.server_error',
  ...extra,
});

const KINDS: KindCase[] = [
  chat('openai', '/v1/responses'),
  chat('openai-chat', '/v1/chat/completions', { reasoningText: false, optionalUsage: true }),
  chat('openai-compatible', '/openai-compatible/v1/chat/completions', { optionalUsage: true }),
  chat('lmstudio', '/lmstudio/v1/chat/completions', { auth: null, optionalUsage: true }),
  // The xAI package reads a missing usage as zero tokens.
  chat('xai', '/xai/v1/chat/completions'),
  chat('deepseek', '/deepseek/v1/chat/completions', { optionalUsage: true }),
  chat('groq', '/groq/openai/v1/chat/completions'),
  chat('mistral', '/mistral/v1/chat/completions'),
  chat('openrouter', '/openrouter/api/v1/chat/completions'),
  chat('azure', '/azure/openai/deployments/echo/chat/completions', {
    query: { 'api-version': '2024-10-21' },
    auth: ['api-key', TEST_KEY],
    settings: { apiVersion: '2024-10-21' },
    reasoningText: false,
    optionalUsage: true,
  }),
  chat('anthropic', '/anthropic/v1/messages', { auth: ['x-api-key', TEST_KEY], overloadedCode: 'provider.overloaded' }),
  chat('google', '/v1beta/models/echo:streamGenerateContent', { query: { alt: 'sse' }, auth: ['x-goog-api-key', TEST_KEY] }),
  chat('ollama', '/api/chat', { auth: null }),
];

function requestFor(c: KindCase, model: string, overrides: Partial<StreamRequest> = {}) {
  const local = kindInfo(c.kind).key === 'none';
  return chatRequest(server.urlFor(c.kind), model, {
    kind: c.kind,
    ...(local && { apiKey: null }),
    ...(c.settings && { settings: c.settings }),
    ...overrides,
  });
}

function lastRequest(path: string) {
  const found = [...server.requests].reverse().find((r) => r.path === path);
  if (!found) throw new Error(`no request reached ${path}`);
  return found;
}

describe.each(KINDS)('$kind', (c) => {
  it('streams the reply as deltas and reads its usage', async () => {
    const request = requestFor(c, 'echo');
    const result = await streamChat(request);
    expect(result.text).toBe('You said: Hello there');
    expect(request.deltas.length).toBeGreaterThanOrEqual(4);
    expect(request.deltas.join('')).toBe(result.text);
    expect(result.usage).toEqual({ inputTokens: 2, outputTokens: 4 });
    expect(result.finishReason).toBe('stop');
    expect(result.reasoning).toBe('');
    expect(result.ttftMs).toBeGreaterThan(0);
    expect(result.durationMs).toBeGreaterThanOrEqual(result.ttftMs!);
  });

  it('sends its own path, key header and the conversation', async () => {
    await streamChat(requestFor(c, 'echo', { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello there' }] }));
    const sent = lastRequest(c.path);
    const query = new URL(sent.url, 'http://x').searchParams;
    for (const [name, value] of Object.entries(c.query ?? {})) expect(query.get(name)).toBe(value);
    if (c.auth) expect(sent.headers[c.auth[0]]).toBe(c.auth[1]);
    else expect(sent.headers).not.toHaveProperty('authorization');
    expect(JSON.stringify(sent.body)).toContain('Be brief.');
    expect(JSON.stringify(sent.body)).toContain('Hello there');
  });

  it("sends the provider's extra headers from its settings", async () => {
    const settings = { ...c.settings, headers: { 'X-Title': 'RealMultiLLM', 'HTTP-Referer': 'https://realmultillm.app' } };
    await streamChat(requestFor(c, 'echo', { settings }));
    const sent = lastRequest(c.path);
    expect(sent.headers['x-title']).toBe('RealMultiLLM');
    expect(sent.headers['http-referer']).toBe('https://realmultillm.app');
  });

  it('keeps reasoning apart from the answer', async () => {
    const reasoning: string[] = [];
    const request = requestFor(c, 'reasoning', { reasoning: true, onReasoning: (d) => reasoning.push(d) });
    const result = await streamChat(request);
    expect(result.text).toBe('You said: Hello there');
    expect(request.deltas.join('')).toBe(result.text);
    if (c.reasoningText) {
      expect(result.reasoning).toBe(REASONING_DELTAS.join(''));
      expect(reasoning.join('')).toBe(result.reasoning);
    } else {
      expect(result.reasoning).toBe('');
    }
    expect(result.usage.outputTokens).toBe(4 + REASONING_DELTAS.length);
  });

  if (c.optionalUsage) {
    it('reports null usage when the provider sends none', async () => {
    const result = await streamChat(requestFor(c, 'no-usage'));
    expect(result.text).toBe('You said: Hello there');
    expect(result.usage).toEqual({ inputTokens: null, outputTokens: null });
  });
  }

  it.each([
    ['cut', 'provider.stream_broken'],
    ['malformed', 'provider.stream_broken'],
    ['error-in-stream', 'provider.server_error'],
  ])('reports a %s stream as %s, keeping the text', async (model, code) => {
    const error = await failedStream(requestFor(c, model));
    expect(error.code).toBe(code);
    expect(error.partialText).toBe(CUT_DELTAS.join(''));
  });

  it('ends a stalled stream, keeping the text', async () => {
    const error = await failedStream(requestFor(c, 'stall', { idleTimeoutMs: 250 }));
    expect(error.code).toBe('provider.stalled');
    expect(error.partialText).toBe(CUT_DELTAS.join(''));
  });

  it('ends a call whose server never answers, with the connect timeout', async () => {
    const error = await failedStream(requestFor(c, 'hang', { connectTimeoutMs: 250 }));
    expect(error.code).toBe('provider.connect_timeout');
    expect(error.message).toMatch(/did not answer within 250 ms/);
  });

  it.each([
    ['error-401', 'provider.auth'],
    ['error-404', 'provider.not_found'],
    ['no-such-model', 'provider.not_found'],
    ['error-500', 'provider.server_error'],
  ])('maps %s to %s', async (model, code) => {
    const error = await failedStream(requestFor(c, model));
    expect(error.code).toBe(code);
    expect(error.partialText).toBe('');
    expect(error.message).not.toContain(TEST_KEY);
  });

  it('maps an overloaded provider to a retryable error', async () => {
    const error = await failedStream(requestFor(c, 'error-529'));
    expect(error.code).toBe(c.overloadedCode);
  });

  it('maps 429 to provider.rate_limited with its Retry-After', async () => {
    const error = await failedStream(requestFor(c, 'error-429'));
    expect(error.code).toBe('provider.rate_limited');
    expect(error.retryAfterSeconds).toBe(RETRY_AFTER_SECONDS);
    expect(error.message).toContain(`Wait ${RETRY_AFTER_SECONDS} s`);
  });

  if (kindInfo(c.kind).key !== 'none') {
    it('says the key was rejected when it is wrong', async () => {
    const error = await failedStream(requestFor(c, 'echo', { apiKey: 'sk-wrong-key-0000000000' }));
    expect(error.code).toBe('provider.auth');
    expect(error.message).not.toContain('sk-wrong-key-0000000000');
  });
  }

  if (kindInfo(c.kind).key === 'required') {
    it('says there is no key before calling', async () => {
    const before = server.requests.length;
    const error = await failedStream(requestFor(c, 'echo', { apiKey: null }));
    expect(error.code).toBe('provider.no_key');
    expect(server.requests.length).toBe(before);
  });
  }
});
