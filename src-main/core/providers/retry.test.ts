import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAKY_RETRY_AFTER_SECONDS, startProviderServer, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import { ProviderError } from './errors';
import { DEFAULT_RETRY_POLICY, retryDelayMs, streamWithRetries, type RetryNotice } from './retry';
import { chatRequest, failureOf, TEST_KEY } from './test-helpers';

let server: ProviderServer;
beforeAll(async () => {
  server = await startProviderServer({ apiKey: TEST_KEY, tokenDelayMs: 2 });
});
afterAll(() => server.close());

const quick = { baseDelayMs: 20, maxDelayMs: 100 };
let prompt = 0;
/** A fresh prompt, so the flaky scenarios fail once for this test. */
const fresh = () => ({ messages: [{ role: 'user' as const, content: `question ${++prompt}` }] });

function requestsFor(content: string) {
  return server.requests.filter((r) => JSON.stringify(r.body).includes(content)).length;
}

describe('retrying a call', () => {
  it('waits out Retry-After on a 429 before the first token, then succeeds', async () => {
    const notices: RetryNotice[] = [];
    const started = performance.now();
    const request = chatRequest(server.url, 'flaky-429', fresh());
    const result = await streamWithRetries(request, { policy: quick, onRetry: (n) => notices.push(n) });
    expect(result.text).toBe(`You said: question ${prompt}`);
    expect(result.attempts).toBe(2);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.error.code).toBe('provider.rate_limited');
    expect(notices[0]!.delayMs).toBeGreaterThanOrEqual(FLAKY_RETRY_AFTER_SECONDS * 1000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(FLAKY_RETRY_AFTER_SECONDS * 1000);
  });

  it.each(['flaky-500', 'flaky-reset'])('backs off and retries %s', async (model) => {
    const request = chatRequest(server.url, model, fresh());
    const result = await streamWithRetries(request, { policy: quick });
    expect(result.attempts).toBe(2);
    expect(request.deltas.join('')).toBe(result.text);
    expect(requestsFor(`question ${prompt}`)).toBe(2);
  });

  it('gives up after maxAttempts and shows the last error', async () => {
    const request = chatRequest(server.url, 'error-500', fresh());
    const error = await failureOf(streamWithRetries(request, { policy: { ...quick, maxAttempts: 3 } }));
    expect(error.code).toBe('provider.server_error');
    expect(requestsFor(`question ${prompt}`)).toBe(3);
  });

  it.each(['error-401', 'error-404'])('never retries %s', async (model) => {
    const error = await failureOf(streamWithRetries(chatRequest(server.url, model, fresh()), { policy: quick }));
    expect(error).toBeInstanceOf(ProviderError);
    expect(requestsFor(`question ${prompt}`)).toBe(1);
  });

  it('shows a Retry-After longer than the policy allows instead of waiting it out', async () => {
    const started = performance.now();
    const error = await failureOf(streamWithRetries(chatRequest(server.url, 'error-429', fresh()), { policy: { ...quick, maxRetryAfterMs: 2000 } }));
    expect(error.code).toBe('provider.rate_limited');
    expect(requestsFor(`question ${prompt}`)).toBe(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('never retries once text was shown', async () => {
    const request = chatRequest(server.url, 'cut', fresh());
    const error = await failureOf(streamWithRetries(request, { policy: quick }));
    expect(error.code).toBe('provider.stream_broken');
    expect(error.partialText).toBe('This reply stops early');
    expect(requestsFor(`question ${prompt}`)).toBe(1);
  });

  it('stops promptly during the wait when the person presses Stop', async () => {
    const controller = new AbortController();
    const request = chatRequest(server.url, 'flaky-429', { ...fresh(), signal: controller.signal });
    const call = failureOf(streamWithRetries(request, { onRetry: () => setTimeout(() => controller.abort(), 50) }));
    const started = performance.now();
    const error = await call;
    expect(error.code).toBe('provider.cancelled');
    expect(performance.now() - started).toBeLessThan(800);
    expect(requestsFor(`question ${prompt}`)).toBe(1);
  });
});

describe('the backoff', () => {
  const error = (retryAfter: number | null) => new ProviderError('provider.server_error', 'x', { host: 'example.com' }, '', retryAfter);

  it('doubles per attempt with equal jitter, capped', () => {
    const low = { ...DEFAULT_RETRY_POLICY, random: () => 0 };
    const high = { ...DEFAULT_RETRY_POLICY, random: () => 0.999 };
    expect(retryDelayMs(error(null), 1, low)).toBe(250);
    expect(retryDelayMs(error(null), 1, high)).toBe(500);
    expect(retryDelayMs(error(null), 3, low)).toBe(1000);
    expect(retryDelayMs(error(null), 10, high)).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
    expect(retryDelayMs(error(null), 10, low)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs / 2);
  });

  it('honours Retry-After, with a little jitter after it', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 30_000, random: () => 0.5 };
    expect(retryDelayMs(error(7), 1, policy)).toBe(7125);
    expect(retryDelayMs(error(60), 1, policy)).toBeNull();
    // By default a wait longer than 5 s is shown to the person, not waited out.
    expect(retryDelayMs(error(3), 1, DEFAULT_RETRY_POLICY)).toBeGreaterThanOrEqual(3000);
    expect(retryDelayMs(error(7), 1, DEFAULT_RETRY_POLICY)).toBeNull();
  });
});
