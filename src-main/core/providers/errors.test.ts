import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_AFTER_SECONDS, startProviderServer, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import { retryAfterSeconds, scrub } from './errors';
import { chatRequest, failedStream, TEST_KEY } from './test-helpers';

let server: ProviderServer;
let host: string;

beforeAll(async () => {
  server = await startProviderServer({ apiKey: TEST_KEY, tokenDelayMs: 5 });
  host = `127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('a reply that breaks in the middle', () => {
  it('reports a cut stream as provider.stream_broken, keeping the text that arrived', async () => {
    const error = await failedStream(chatRequest(server.url, 'cut'));
    expect(error.code).toBe('provider.stream_broken');
    expect(error.message).toMatch(/^The reply was cut off: .*The text that arrived is kept/);
    expect(error.partialText).toBe('This reply stops early');
  });

  it('reports a malformed event as provider.stream_broken, keeping the text', async () => {
    const error = await failedStream(chatRequest(server.url, 'malformed'));
    expect(error.code).toBe('provider.stream_broken');
    expect(error.message).toMatch(/not a valid chat stream/);
    expect(error.partialText).toBe('This reply stops early');
  });

  it("quotes an error event sent inside the stream, keeping the text", async () => {
    const error = await failedStream(chatRequest(server.url, 'error-in-stream'));
    expect(error.code).toBe('provider.server_error');
    expect(error.message).toMatch(/in the middle of the reply.*“The server had an error while processing your request/);
    expect(error.partialText).toBe('This reply stops early');
  });
});

describe('a provider that refuses the request', () => {
  it.each([
    ['error-401', 'provider.auth', /rejected the API key \(HTTP 401\)\. Check the API key.*“Incorrect API key provided/],
    ['error-404', 'provider.not_found', /no such model or endpoint \(HTTP 404\)\. Check the model name and the base URL.*does not exist/],
    ['gpt-unknown', 'provider.not_found', /“The model `gpt-unknown` does not exist/],
    ['error-429', 'provider.rate_limited', new RegExp(`limiting requests \\(HTTP 429\\)\\. Wait ${RETRY_AFTER_SECONDS} s, then try again`)],
    ['error-500', 'provider.server_error', /had a server error \(HTTP 500\)\. Try again in a moment.*“The server had an error/],
  ])('maps %s to %s with a sentence naming the host', async (model, code, message) => {
    const error = await failedStream(chatRequest(server.url, model));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(host)).toBe(true);
    expect(error.partialText).toBe('');
  });

  it('carries Retry-After for the retry policy', async () => {
    const error = await failedStream(chatRequest(server.url, 'error-429'));
    expect(error.retryAfterSeconds).toBe(RETRY_AFTER_SECONDS);
  });

  it('says the key was rejected when the server does not accept it', async () => {
    const error = await failedStream(chatRequest(server.url, 'echo', { apiKey: 'sk-some-other-key-99999999' }));
    expect(error.code).toBe('provider.auth');
  });
});

describe('a provider that cannot be reached', () => {
  it('says connection refused in words', async () => {
    const port = await closedPort();
    const error = await failedStream(chatRequest(`http://127.0.0.1:${port}/v1`, 'echo'));
    expect(error.code).toBe('provider.unreachable');
    expect(error.message).toBe(
      `Could not reach 127.0.0.1:${port} (connection refused). Check the base URL and that the server is running.`,
    );
  });

  it('says when the host name does not exist', async () => {
    const error = await failedStream(chatRequest('http://no-such-provider.invalid/v1', 'echo'));
    expect(error.code).toBe('provider.unreachable');
    expect(error.message).toMatch(/^Could not reach no-such-provider\.invalid \((no such host|the host name could not be looked up)\)/);
  });

  it('says when the base URL is not a web address, before sending anything', async () => {
    const error = await failedStream(chatRequest('localhost:1234/v1', 'echo'));
    expect(error.code).toBe('provider.bad_base_url');
    expect(error.message).toMatch(/starts with http:\/\/ or https:\/\//);
  });
});

describe('the API key', () => {
  const leakyKey = 'sk-leaky-proxy-echoes-this-key-0c5e1f';

  it('is scrubbed from a provider message that echoes it whole', async () => {
    const local = await startProviderServer({ tokenDelayMs: 1 });
    try {
      const error = await failedStream(chatRequest(local.url, 'error-401-leaky', { apiKey: leakyKey }));
      expect(error.code).toBe('provider.auth');
      expect(error.message).toContain('Incorrect API key provided: [redacted]');
      expect(error.message).not.toContain(leakyKey);
    } finally {
      await local.close();
    }
  });

  it('never appears in any error, whatever the failure', async () => {
    const models = ['cut', 'malformed', 'stall', 'error-in-stream', 'error-401', 'error-401-leaky', 'error-404', 'error-429', 'error-500', 'x'];
    const errors = await Promise.all(models.map((model) => failedStream(chatRequest(server.url, model, { idleTimeoutMs: 300 }))));
    errors.push(await failedStream(chatRequest(`http://127.0.0.1:${await closedPort()}/v1?key=${TEST_KEY}`, 'echo')));
    errors.push(await failedStream(chatRequest(`${TEST_KEY}/v1`, 'echo')));
    for (const error of errors) {
      expect(error.message).not.toContain(TEST_KEY);
      expect(JSON.stringify(error)).not.toContain(TEST_KEY);
    }
  });
});

describe('helpers', () => {
  it('reads Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds({ 'retry-after': '7' }, now)).toBe(7);
    expect(retryAfterSeconds({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30);
    expect(retryAfterSeconds({ 'retry-after-ms': '1500', 'retry-after': '9' }, now)).toBe(2);
    expect(retryAfterSeconds({ 'retry-after': 'soon' }, now)).toBeNull();
    expect(retryAfterSeconds(undefined, now)).toBeNull();
  });

  it('scrubs every occurrence of the key and leaves text alone without one', () => {
    expect(scrub('a KEY b KEY', 'KEY')).toBe('a [redacted] b [redacted]');
    expect(scrub('nothing to hide', null)).toBe('nothing to hide');
  });
});
