// Lists a provider's models: live from the provider's own listing endpoint where it
// has one, enriched with what the catalog knows (limits, capabilities, prices).
import { APICallError } from '@ai-sdk/provider';
import { findModel, kindInfo, type ModelInfo, type ModelOverride } from '../../../src-shared/catalog';
import type { ProviderKind } from '../../../src-shared/domain';
import { scrub, toProviderError } from './errors';
import { ollamaRoot } from './language-model';
import { checkedBaseUrl } from './stream';
import type { ProviderTarget } from './types';

interface Listed {
  id: string;
  label?: string;
  contextWindow?: number | null;
  maxOutputTokens?: number | null;
  price?: ModelInfo['price'];
  vision?: boolean;
  reasoning?: boolean;
  tools?: boolean;
}

interface ListingRequest {
  url: string;
  headers: Record<string, string>;
  read(body: unknown): { models: Listed[]; next: string | null };
}

const ANTHROPIC_VERSION = '2023-06-01';

function arrayOf(value: unknown, key: string): Record<string, unknown>[] {
  const list = (value as Record<string, unknown> | null)?.[key];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

const perMillion = (perToken: unknown) => (typeof perToken === 'string' || typeof perToken === 'number' ? Number(perToken) * 1_000_000 : NaN);

function openRouterModel(entry: Record<string, unknown>): Listed {
  const pricing = entry.pricing as Record<string, unknown> | undefined;
  const input = perMillion(pricing?.prompt);
  const output = perMillion(pricing?.completion);
  const top = entry.top_provider as Record<string, unknown> | undefined;
  const params = Array.isArray(entry.supported_parameters) ? (entry.supported_parameters as string[]) : [];
  const modalities = ((entry.architecture as Record<string, unknown> | undefined)?.input_modalities ?? []) as string[];
  return {
    id: String(entry.id),
    label: typeof entry.name === 'string' ? entry.name : String(entry.id),
    contextWindow: typeof entry.context_length === 'number' ? entry.context_length : null,
    maxOutputTokens: typeof top?.max_completion_tokens === 'number' ? top.max_completion_tokens : null,
    price: Number.isFinite(input) && Number.isFinite(output) && input >= 0 && output >= 0 ? { inputPerMTok: input, outputPerMTok: output } : null,
    vision: modalities.includes('image'),
    reasoning: params.includes('reasoning'),
    tools: params.includes('tools'),
  };
}

function listingRequest(kind: ProviderKind, baseUrl: string, apiKey: string | null, cursor: string | null): ListingRequest {
  const bearer: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  const openAiStyle = (read: (entry: Record<string, unknown>) => Listed = (e) => ({ id: String(e.id) })): ListingRequest => ({
    url: `${baseUrl}/models`,
    headers: bearer,
    read: (body) => ({ models: arrayOf(body, 'data').map(read), next: null }),
  });
  switch (kind) {
    case 'anthropic':
      return {
        url: `${baseUrl}/models?limit=1000${cursor ? `&after_id=${encodeURIComponent(cursor)}` : ''}`,
        headers: { ...(apiKey && { 'x-api-key': apiKey }), 'anthropic-version': ANTHROPIC_VERSION },
        read: (body) => {
          const page = body as { has_more?: unknown; last_id?: unknown };
          return {
            models: arrayOf(body, 'data').map((e) => ({ id: String(e.id), label: String(e.display_name ?? e.id) })),
            next: page.has_more === true && typeof page.last_id === 'string' ? page.last_id : null,
          };
        },
      };
    case 'google':
      return {
        url: `${baseUrl}/models?pageSize=1000${cursor ? `&pageToken=${encodeURIComponent(cursor)}` : ''}`,
        headers: apiKey ? { 'x-goog-api-key': apiKey } : {},
        read: (body) => ({
          models: arrayOf(body, 'models')
            .filter((e) => !Array.isArray(e.supportedGenerationMethods) || e.supportedGenerationMethods.includes('generateContent'))
            .map((e) => ({
              id: String(e.name).replace(/^models\//, ''),
              label: String(e.displayName ?? e.name),
              contextWindow: typeof e.inputTokenLimit === 'number' ? e.inputTokenLimit : null,
              maxOutputTokens: typeof e.outputTokenLimit === 'number' ? e.outputTokenLimit : null,
            })),
          next: typeof (body as { nextPageToken?: unknown }).nextPageToken === 'string' ? (body as { nextPageToken: string }).nextPageToken : null,
        }),
      };
    case 'ollama':
      return {
        url: `${ollamaRoot(baseUrl)}/api/tags`,
        headers: bearer,
        read: (body) => ({ models: arrayOf(body, 'models').map((e) => ({ id: String(e.model ?? e.name) })), next: null }),
      };
    case 'openrouter':
      return openAiStyle(openRouterModel);
    default:
      return openAiStyle();
  }
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => (out[name] = value));
  return out;
}

function merge(kind: ProviderKind, listed: Listed, overrides: readonly ModelOverride[]): ModelInfo {
  const known = findModel(kind, listed.id, overrides);
  if (known && known.source === 'custom') return known;
  return {
    id: listed.id,
    kind,
    label: known?.label ?? listed.label ?? listed.id,
    contextWindow: listed.contextWindow ?? known?.contextWindow ?? null,
    maxOutputTokens: listed.maxOutputTokens ?? known?.maxOutputTokens ?? null,
    capabilities: {
      vision: listed.vision ?? known?.capabilities.vision ?? false,
      tools: listed.tools ?? known?.capabilities.tools ?? false,
      reasoning: listed.reasoning ?? known?.capabilities.reasoning ?? false,
    },
    price: listed.price ?? known?.price ?? null,
    source: 'live',
  };
}

/**
 * The models the provider offers, live. Kinds without a listing (Azure names
 * deployments) are the caller's business: see `kindInfo(kind).listing`.
 */
export async function listLiveModels(
  target: ProviderTarget & { kind: ProviderKind },
  options: { signal: AbortSignal; overrides?: readonly ModelOverride[] },
): Promise<ModelInfo[]> {
  const { kind, apiKey } = target;
  if (kindInfo(kind).listing !== 'live') return [];
  const baseUrl = checkedBaseUrl(target.baseUrl, apiKey);
  const found: Listed[] = [];
  let cursor: string | null = null;
  // Pages are followed a bounded number of times: a provider that loops must not hang the form.
  for (let page = 0; page < 20; page += 1) {
    const request = listingRequest(kind, baseUrl, apiKey, cursor);
    let response: Response;
    let text: string;
    try {
      response = await fetch(request.url, { headers: { ...target.settings?.headers, ...request.headers }, signal: options.signal });
      text = await response.text();
    } catch (cause) {
      throw toProviderError(
        new APICallError({ message: 'fetch failed', url: request.url, requestBodyValues: {}, cause, isRetryable: true }),
        { baseUrl, apiKey, partialText: '' },
      );
    }
    if (!response.ok) {
      throw toProviderError(
        new APICallError({
          message: scrub(text, apiKey),
          url: request.url,
          requestBodyValues: {},
          statusCode: response.status,
          responseHeaders: headersOf(response.headers),
          responseBody: text,
        }),
        { baseUrl, apiKey, partialText: '' },
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw toProviderError(new SyntaxError('not JSON'), { baseUrl, apiKey, partialText: '' });
    }
    const { models, next } = request.read(body);
    found.push(...models);
    if (!next) break;
    cursor = next;
  }
  const unique = new Map(found.map((listed) => [listed.id, merge(kind, listed, options.overrides ?? [])]));
  return [...unique.values()].sort((a, b) => a.id.localeCompare(b.id));
}
