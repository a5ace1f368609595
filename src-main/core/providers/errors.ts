// Turns every way a provider call can fail into a sentence a person can act on.
import { AISDKError, APICallError, InvalidResponseDataError, JSONParseError, TypeValidationError } from '@ai-sdk/provider';
import type { ErrorCode, ErrorParams, ErrorWord } from '../../../src-shared/api/error-codes';
import { AppError, type ParamsArgument } from '../../../src-shared/api/errors';
import { MalformedLine, StreamErrorEvent } from './ndjson-guard';

export class ProviderError<C extends ErrorCode = ErrorCode> extends AppError<C> {
  constructor(
    code: C,
    message: string,
    params: ErrorParams<C>,
    /** The text that arrived before the failure; it is kept. */
    readonly partialText: string = '',
    /** From Retry-After on a 429, for the retry policy. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(code, message, ...([params] as ParamsArgument<C>));
    this.name = 'ProviderError';
  }
}

export interface FailureContext {
  baseUrl: string;
  apiKey: string | null;
  partialText: string;
}

/** The stream ended without a finish reason: the provider or the network dropped it. */
export class StreamEndedEarly extends Error {
  constructor() {
    super('The stream ended before the reply finished.');
  }
}

const MAX_QUOTE = 300;

/** Removes the key from any text, even text the provider echoed back. */
export function scrub(text: string, secret: string | null): string {
  return secret ? text.split(secret).join('[redacted]') : text;
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

/** The provider's own words from an OpenAI-style error body, when it sent one. */
function providerMessage(body: unknown): string | null {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  const { error, message } = value as { error?: unknown; message?: unknown };
  const found =
    typeof error === 'string' ? error : typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : message;
  return typeof found === 'string' && found.trim() ? found.trim().slice(0, MAX_QUOTE) : null;
}

/** Seconds to wait, from `retry-after-ms`, or `retry-after` as seconds or an HTTP date. */
export function retryAfterSeconds(headers: Record<string, string> | undefined, now = Date.now()): number | null {
  const ms = Number(headers?.['retry-after-ms']);
  if (headers?.['retry-after-ms'] && Number.isFinite(ms)) return Math.max(0, Math.ceil(ms / 1000));
  const value = headers?.['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The network error codes along an error's `cause` chain, outermost first. */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 6; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

type Cause = ErrorWord<'cause'>;

/** The cause's words in the English message (the renderer has its own, per language). */
const CAUSE_WORDS: Record<Cause, string | null> = {
  refused: 'connection refused',
  no_such_host: 'no such host',
  lookup_failed: 'the host name could not be looked up',
  timed_out: 'the connection timed out',
  network_unreachable: 'the network is unreachable',
  reset: 'the connection was reset',
  certificate: 'its TLS certificate was not accepted',
  blocked_port: 'the app may not connect to that port; use another',
  unknown: null,
};

/** Why a connection could not be made. */
function connectionCause(error: unknown): Cause {
  // fetch refuses the ports browsers block (6000, 6665-6669, ...), without a code.
  if (error instanceof Error && (error.cause as Error | undefined)?.message === 'bad port') return 'blocked_port';
  for (const code of causeCodes(error)) {
    if (code === 'ECONNREFUSED') return 'refused';
    if (code === 'ENOTFOUND') return 'no_such_host';
    if (code === 'EAI_AGAIN') return 'lookup_failed';
    if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timed_out';
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'network_unreachable';
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'reset';
    if (code.includes('CERT') || code.startsWith('ERR_TLS') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') return 'certificate';
  }
  return 'unknown';
}

/** The provider's words from an error event the SDK could not parse as a chunk. */
function streamErrorWords(error: unknown): string | null {
  if (error instanceof StreamErrorEvent) return error.providerMessage.slice(0, MAX_QUOTE);
  if (TypeValidationError.isInstance(error)) {
    const value = error.value as { error?: unknown } | null;
    if (typeof value === 'object' && value !== null && value.error !== undefined) return providerMessage(value);
  }
  return null;
}

/** A stopped call: by the person (Stop), or by a deadline the caller set. */
export function stoppedError(reason: unknown, context: FailureContext): ProviderError {
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    const host = hostOf(context.baseUrl);
    return new ProviderError(
      'provider.timeout',
      `${host} did not finish answering in time. Check that the server is running and not overloaded, then try again.`,
      { host },
      context.partialText,
    );
  }
  return new ProviderError('provider.cancelled', 'The reply was stopped. The text that arrived is kept.', {}, context.partialText);
}

/** Gemini says how long to wait in the body (google.rpc.RetryInfo), not in a header. */
function bodyRetryAfterSeconds(body: string | undefined): number | null {
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body ?? '');
  return match ? Math.ceil(Number(match[1])) : null;
}

/** A 400 that is really a wrong key (Gemini's API_KEY_INVALID) or an unknown model (Mistral, OpenRouter). */
function badRequestMeaning(theirs: string | null, body: string | undefined): 'auth' | 'model' | null {
  if (/API_KEY_INVALID/.test(body ?? '') || /api key not valid/i.test(theirs ?? '')) return 'auth';
  if (theirs && /model/i.test(theirs) && /(invalid|not a valid|not found|does not exist|unknown)/i.test(theirs)) return 'model';
  return null;
}

function httpError(error: APICallError, status: number, host: string, say: Say): ProviderError {
  const theirs = providerMessage(error.data) ?? providerMessage(error.responseBody);
  const said = theirs ? { said: theirs } : {};
  const quote = theirs ? ` The provider said: “${theirs}”` : '';
  const meaning = status === 400 ? badRequestMeaning(theirs, error.responseBody) : null;
  if (status === 401 || meaning === 'auth') {
    return say(
      'provider.auth',
      `${host} rejected the API key (HTTP ${status}). Check the API key for this provider in Providers.${quote}`,
      { host, status, ...said },
    );
  }
  if (status === 403) {
    return say(
      'provider.auth',
      `${host} refused access (HTTP 403). Check that the API key is right and allowed to use this model.${quote}`,
      { host, status, ...said },
    );
  }
  if (status === 404 || meaning === 'model') {
    return say(
      'provider.not_found',
      `${host} found no such model or endpoint (HTTP ${status}). Check the model name and the base URL (it usually ends in /v1).${quote}`,
      { host, status, ...said },
    );
  }
  if (status === 429) {
    const wait = retryAfterSeconds(error.responseHeaders) ?? bodyRetryAfterSeconds(error.responseBody);
    if (wait !== null) {
      return say('provider.rate_limited', `${host} is limiting requests (HTTP 429). Wait ${wait} s, then try again.${quote}`, { host, seconds: wait, ...said }, wait);
    }
    return say('provider.rate_limited_unsaid', `${host} is limiting requests (HTTP 429). Wait a little, then try again.${quote}`, { host, ...said });
  }
  if (status === 529) {
    return say('provider.overloaded', `${host} is overloaded (HTTP 529). Try again in a moment.${quote}`, { host, ...said });
  }
  if (status >= 500) {
    return say('provider.server_error', `${host} had a server error (HTTP ${status}). Try again in a moment.${quote}`, { host, ...said });
  }
  return say('provider.rejected', `${host} refused the request (HTTP ${status}).${quote}`, { host, status, ...said });
}

function cutOff(host: string): string {
  return `The reply was cut off: the connection to ${host} ended before the reply finished. The text that arrived is kept; send again to retry.`;
}

type Say = <C extends ErrorCode>(code: C, message: string, params: ErrorParams<C>, retryAfter?: number | null) => ProviderError<C>;

/** The key never leaves in a param either: a provider may echo it back. */
function scrubParams<P extends Record<string, unknown>>(params: P, secret: string | null): P {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'string' ? scrub(value, secret) : value;
  return out as P;
}

/**
 * Maps a failure of the provider call (not a stop: see `stoppedError`) to a
 * ProviderError. Whatever the provider sent is scrubbed of the API key.
 */
export function toProviderError(error: unknown, context: FailureContext): ProviderError {
  if (error instanceof ProviderError) {
    return error.partialText === context.partialText
      ? error
      : new ProviderError(error.code, error.message, error.params as never, context.partialText, error.retryAfterSeconds);
  }
  const say: Say = (code, message, params, retryAfter = null) =>
    new ProviderError(code, scrub(message, context.apiKey), scrubParams(params, context.apiKey), context.partialText, retryAfter);
  const host = hostOf(context.baseUrl);

  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status !== undefined && status >= 400) return httpError(error, status, host, say);
    // No status: fetch failed before any response (see the SDK's handleFetchError).
    if (status === undefined) {
      const cause = connectionCause(error);
      const words = CAUSE_WORDS[cause];
      return say(
        'provider.unreachable',
        `Could not reach ${host}${words ? ` (${words})` : ''}. Check the base URL and that the server is running.`,
        { host, cause },
      );
    }
    // A successful status: the body broke while it was being read.
    return say('provider.stream_broken', cutOff(host), { host });
  }
  const inStream = streamErrorWords(error) ?? (error instanceof Error ? null : providerMessage({ error }));
  if (inStream) {
    // An error event inside a successful stream (`data: {"error": {...}}`, or a shape the SDK does not expect).
    return say(
      'provider.server_error',
      `${host} reported an error in the middle of the reply. The text that arrived is kept; send again to retry. The provider said: “${inStream}”`,
      { host, said: inStream },
    );
  }
  if (JSONParseError.isInstance(error) || TypeValidationError.isInstance(error) || error instanceof MalformedLine) {
    return say(
      'provider.stream_broken',
      `The reply was cut off: ${host} sent data that is not a valid chat stream. The text that arrived is kept; send again to retry.`,
      { host },
    );
  }
  if (AISDKError.isInstance(error) && !InvalidResponseDataError.isInstance(error)) {
    // The SDK refused the request itself (a bad argument or prompt): nothing was sent.
    const details = error.message.slice(0, MAX_QUOTE);
    return say('provider.failed', `The request to ${host} could not be made: ${details}`, { host, details });
  }
  // Anything else breaks the body after the response started: a reset socket,
  // a stream that ends without its finish, an undecodable chunk.
  return say('provider.stream_broken', cutOff(host), { host });
}
