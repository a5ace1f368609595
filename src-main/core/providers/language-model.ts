// One language model per provider kind, through the kind's AI SDK package. The
// SDK speaks the wire format; this file only maps our settings onto its options.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createAzure } from '@ai-sdk/azure';
import { createDeepSeek } from '@ai-sdk/deepseek';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createGroq } from '@ai-sdk/groq';
import { createMistral } from '@ai-sdk/mistral';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createXai } from '@ai-sdk/xai';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import type { LanguageModel } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import type { ProviderKind } from '../../../src-shared/domain';
import type { ProviderSettings } from '../../../src-shared/models/provider-settings';

type FetchFunction = typeof globalThis.fetch;
type ProviderOptions = Record<string, Record<string, unknown>>;

export interface ModelTarget {
  kind: ProviderKind;
  /** Checked, without a trailing slash. */
  baseUrl: string;
  apiKey: string | null;
  model: string;
  settings: ProviderSettings;
  /** Ask for the model's reasoning (only for models that reason: others refuse the option). */
  reasoning: boolean;
  fetch: FetchFunction;
}

export interface PreparedModel {
  model: LanguageModel;
  providerOptions: ProviderOptions;
}

/** Thinking budget for Anthropic; the SDK adds it to the output limit. */
const ANTHROPIC_THINKING_BUDGET = 4096;

/** Azure's dated API versions (2024-10-21, 2025-04-01-preview) use per-deployment URLs; "v1" does not. */
function isDatedAzureVersion(version: string | undefined): boolean {
  return !!version && /^\d{4}-\d{2}-\d{2}/.test(version);
}

/** Ollama's native API lives under /api; users type the server's root. */
export function ollamaRoot(baseUrl: string): string {
  return baseUrl.replace(/\/(api|v1)$/, '');
}

export function prepareModel(target: ModelTarget): PreparedModel {
  const { kind, baseUrl, model, settings, reasoning } = target;
  const apiKey = target.apiKey ?? undefined;
  const headers = settings.headers ?? {};
  const common = { baseURL: baseUrl, headers, fetch: target.fetch };
  const keyed = { ...common, ...(apiKey !== undefined && { apiKey }) };
  const none: ProviderOptions = {};
  switch (kind) {
    case 'openai':
    case 'openai-chat': {
      const provider = createOpenAI({
        ...keyed,
        ...(settings.organization && { organization: settings.organization }),
        ...(settings.project && { project: settings.project }),
      });
      if (kind === 'openai-chat') return { model: provider.chat(model), providerOptions: none };
      return { model: provider.responses(model), providerOptions: reasoning ? { openai: { reasoningSummary: 'auto', forceReasoning: true } } : none };
    }
    case 'anthropic':
      return {
        model: createAnthropic(keyed)(model),
        providerOptions: reasoning ? { anthropic: { thinking: { type: 'enabled', budgetTokens: ANTHROPIC_THINKING_BUDGET } } } : none,
      };
    case 'google':
      return {
        model: createGoogleGenerativeAI(keyed)(model),
        providerOptions: reasoning ? { google: { thinkingConfig: { includeThoughts: true } } } : none,
      };
    case 'mistral':
      return { model: createMistral(keyed)(model), providerOptions: none };
    case 'groq':
      return { model: createGroq(keyed)(model), providerOptions: reasoning ? { groq: { reasoningFormat: 'parsed' } } : none };
    case 'xai':
      return { model: createXai(keyed).chat(model), providerOptions: none };
    case 'deepseek':
      return { model: createDeepSeek(keyed)(model), providerOptions: none };
    case 'openrouter':
      return {
        model: createOpenRouter({ ...keyed, compatibility: 'strict' }).chat(model, { usage: { include: true } }),
        providerOptions: reasoning ? { openrouter: { reasoning: { enabled: true } } } : none,
      };
    case 'azure': {
      const dated = isDatedAzureVersion(settings.apiVersion);
      const provider = createAzure({
        ...keyed,
        ...(settings.apiVersion && { apiVersion: settings.apiVersion }),
        useDeploymentBasedUrls: dated,
      });
      return { model: provider.chat(model), providerOptions: none };
    }
    case 'ollama': {
      const provider = createOllama({
        baseURL: `${ollamaRoot(baseUrl)}/api`,
        fetch: target.fetch,
        headers: { ...headers, ...(apiKey && { Authorization: `Bearer ${apiKey}` }) },
      });
      return { model: provider(model), providerOptions: reasoning ? { ollama: { think: true } } : none };
    }
    case 'lmstudio':
    case 'openai-compatible':
      return {
        model: createOpenAICompatible({ name: kind, ...keyed, includeUsage: true }).chatModel(model),
        providerOptions: none,
      };
  }
}
