// Turns every way a provider call can fail into a sentence a person can act on.
import { APICallError } from 'ai';
import { AppError } from '../../../src-shared/api/errors';

export class ProviderError extends AppError {
  constructor(
    code: string,
    message: string,
    /** The text that arrived before the failure; it is kept. */
    readonly partialText: string = '',
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(code, message);
    this.name = 'ProviderError';
  }
}

function scrub(text: string, secret: string | null): string {
  return secret && secret.length > 0 ? text.split(secret).join('[redacted]') : text;
}

/** The provider's own words from an OpenAI-style error body, when it sent one. */
function providerMessage(body: string | undefined): string | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    return typeof message === 'string' && message.trim() ? message.trim().slice(0, 300) : null;
  } catch {
    return null;
  }
}

function retryAfter(headers: Record<string, string> | undefined): number | null {
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function toProviderError(
  error: unknown,
  context: { baseUrl: string; apiKey: string | null; partialText: string; aborted: boolean },
): ProviderError {
  const { partialText } = context;
  const say = (code: string, message: string, retry: number | null = null) =>
    new ProviderError(code, scrub(message, context.apiKey), partialText, retry);
  if (error instanceof ProviderError) return error;
  if (context.aborted) return say('provider.cancelled', 'The reply was stopped.');

  // A 2xx status with an error means the body broke mid-stream; handled below.
  if (APICallError.isInstance(error) && error.statusCode !== undefined && error.statusCode >= 400) {
    const status = error.statusCode;
    const theirs = providerMessage(error.responseBody);
    const quote = theirs ? ` The provider said: “${theirs}”` : '';
    if (status === 401 || status === 403) {
      return say('provider.auth', `The provider rejected the API key (HTTP ${status}). Check or replace the key in Providers.${quote}`);
    }
    if (status === 404) {
      return say(
        'provider.not_found',
        `The provider does not know this model or address (HTTP 404). Check the model name and the base URL in Providers.${quote}`,
      );
    }
    if (status === 429) {
      const wait = retryAfter(error.responseHeaders);
      const when = wait !== null ? `Wait ${wait} s, then try again.` : 'Wait a little, then try again.';
      return say('provider.rate_limited', `The provider is rate-limiting requests (HTTP 429). ${when}${quote}`, wait);
    }
    if (status >= 500) {
      return say('provider.server_error', `The provider's server had a problem (HTTP ${status}). Try again in a moment.${quote}`);
    }
    return say('provider.request_failed', `The provider refused the request (HTTP ${status}).${quote}`);
  }

  const code = causeCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const unreachable =
    (code && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'].includes(code)) ||
    /Cannot connect to API|fetch failed/i.test(message);
  if (unreachable && partialText.length === 0) {
    return say(
      'provider.unreachable',
      `Could not reach ${hostOf(context.baseUrl)}. Check the base URL and that the server is running.`,
    );
  }
  if (partialText.length > 0 || /terminated|JSON|parse|stream|socket|premature|aborted|successful response/i.test(message)) {
    return say(
      'provider.stream_broken',
      'The reply was cut off because the connection to the provider broke. The text that arrived is kept; send again to retry.',
    );
  }
  return say('provider.failed', `The provider call failed: ${message.slice(0, 300)}`);
}
