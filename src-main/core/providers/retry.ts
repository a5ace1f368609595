// The retry policy: a call that failed before anything was shown (rate limit,
// server error, network failure) is tried again after an exponential backoff with
// jitter, or after the provider's Retry-After. Once a token was shown, never.
import { ProviderError, stoppedError } from './errors';
import { streamChat } from './stream';
import type { StreamRequest, StreamResult } from './types';

export interface RetryPolicy {
  /** Tries in all, the first included. Default 3. */
  maxAttempts: number;
  /** The first backoff; doubled each time. Default 500 ms. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A Retry-After longer than this is not waited out: the error, which names the
   * wait, is shown at once, so the person decides instead of watching a spinner. Default 5 s.
   */
  maxRetryAfterMs: number;
  /** Uniform in [0, 1); injectable for tests. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 5_000,
  random: Math.random,
};

/** Failures that may pass on their own; anything about the request itself will not. */
const RETRYABLE = new Set([
  'provider.rate_limited',
  'provider.rate_limited_unsaid',
  'provider.server_error',
  'provider.overloaded',
  'provider.unreachable',
  'provider.connect_timeout',
  'provider.stream_broken',
]);

export interface RetryNotice {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  error: ProviderError;
}

export interface RetriedResult extends StreamResult {
  attempts: number;
}

/** How long to wait before attempt `attempt + 1`: Retry-After when given, else backoff with equal jitter. */
export function retryDelayMs(error: ProviderError, attempt: number, policy: RetryPolicy): number | null {
  if (error.retryAfterSeconds !== null) {
    const wait = error.retryAfterSeconds * 1000;
    // A little jitter after the deadline, so parallel calls do not return at once.
    return wait > policy.maxRetryAfterMs ? null : wait + Math.round(policy.random() * 250);
  }
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + policy.random() * (cap / 2));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * `streamChat` with the retry policy. `onRetry` hears of each retry before its wait
 * (the UI can say "rate limited, retrying in 7 s").
 */
export async function streamWithRetries(
  request: StreamRequest,
  options: { policy?: Partial<RetryPolicy>; onRetry?: (notice: RetryNotice) => void } = {},
): Promise<RetriedResult> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  let shown = false;
  const attemptRequest: StreamRequest = {
    ...request,
    onText: (delta) => {
      shown = true;
      request.onText(delta);
    },
    onReasoning: (delta) => {
      shown = true;
      request.onReasoning?.(delta);
    },
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ...(await streamChat(attemptRequest)), attempts: attempt };
    } catch (error) {
      if (!(error instanceof ProviderError) || shown || attempt >= policy.maxAttempts || !RETRYABLE.has(error.code)) throw error;
      if (request.signal.aborted) throw error;
      const delayMs = retryDelayMs(error, attempt, policy);
      if (delayMs === null) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      try {
        await sleep(delayMs, request.signal);
      } catch (reason) {
        throw stoppedError(reason, { baseUrl: request.baseUrl, apiKey: request.apiKey, partialText: '' });
      }
    }
  }
}
