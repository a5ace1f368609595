// One language model per provider kind, through the kind's AI SDK package. The
// SDK speaks the wire format; this file only maps our settings onto its options.
import type { LanguageModel } from 'ai';
import type { ProviderKind } from '../../../src-shared/domain';
import type { ProviderSettings } from '../../../src-shared/entities/provider-settings';

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

/**
 * Each kind's SDK, loaded on first use rather than at start-up: together they
 * take about 350 ms to load, and most people use one or two kinds.
 */
const SDK = {
  openai: () => import('@ai-sdk/openai'),
  anthropic: () => import('@ai-sdk/anthropic'),
  google: () => import('@ai-sdk/google'),
  mistral: () => import('@ai-sdk/mistral'),
  groq: () => import('@ai-sdk/groq'),
  xai: () => import('@ai-sdk/xai'),
  deepseek: () => import('@ai-sdk/deepseek'),
  openrouter: () => import('@openrouter/ai-sdk-provider'),
  azure: () => import('@ai-sdk/azure'),
  ollama: () => import('ollama-ai-provider-v2'),
  compatible: () => import('@ai-sdk/openai-compatible'),
};

const SDK_OF: Record<ProviderKind, keyof typeof SDK> = {
  openai: 'openai',
  'openai-chat': 'openai',
  anthropic: 'anthropic',
  google: 'google',
  mistral: 'mistral',
  groq: 'groq',
  xai: 'xai',
  deepseek: 'deepseek',
  openrouter: 'openrouter',
  azure: 'azure',
  ollama: 'ollama',
  lmstudio: 'compatible',
  'openai-compatible': 'compatible',
};

/** Loads the SDKs of these kinds ahead of their first call (after start-up, so the first reply does not wait). */
export async function preloadSdks(kinds: Iterable<ProviderKind>): Promise<void> {
  await Promise.all([...new Set([...kinds].map((kind) => SDK_OF[kind]))].map((sdk) => SDK[sdk]().catch(() => undefined)));
}

export async function prepareModel(target: ModelTarget): Promise<PreparedModel> {
  const { kind, baseUrl, model, settings, reasoning } = target;
  const apiKey = target.apiKey ?? undefined;
  const headers = settings.headers ?? {};
  const common = { baseURL: baseUrl, headers, fetch: target.fetch };
  const keyed = { ...common, ...(apiKey !== undefined && { apiKey }) };
  const none: ProviderOptions = {};
  switch (kind) {
    case 'openai':
    case 'openai-chat': {
      const { createOpenAI } = await SDK.openai();
      const provider = createOpenAI({
        ...keyed,
        ...(settings.organization && { organization: settings.organization }),
        ...(settings.project && { project: settings.project }),
      });
      if (kind === 'openai-chat') return { model: provider.chat(model), providerOptions: none };
      return { model: provider.responses(model), providerOptions: reasoning ? { openai: { reasoningSummary: 'auto', forceReasoning: true } } : none };
    }
    case 'anthropic': {
      const { createAnthropic } = await SDK.anthropic();
      return {
        model: createAnthropic(keyed)(model),
        providerOptions: reasoning ? { anthropic: { thinking: { type: 'enabled', budgetTokens: ANTHROPIC_THINKING_BUDGET } } } : none,
      };
    }
    case 'google': {
      const { createGoogleGenerativeAI } = await SDK.google();
      return {
        model: createGoogleGenerativeAI(keyed)(model),
        providerOptions: reasoning ? { google: { thinkingConfig: { includeThoughts: true } } } : none,
      };
    }
    case 'mistral': {
      const { createMistral } = await SDK.mistral();
      return { model: createMistral(keyed)(model), providerOptions: none };
    }
    case 'groq': {
      const { createGroq } = await SDK.groq();
      return { model: createGroq(keyed)(model), providerOptions: reasoning ? { groq: { reasoningFormat: 'parsed' } } : none };
    }
    case 'xai': {
      const { createXai } = await SDK.xai();
      return { model: createXai(keyed).chat(model), providerOptions: none };
    }
    case 'deepseek': {
      const { createDeepSeek } = await SDK.deepseek();
      return { model: createDeepSeek(keyed)(model), providerOptions: none };
    }
    case 'openrouter': {
      const { createOpenRouter } = await SDK.openrouter();
      return {
        model: createOpenRouter({ ...keyed, compatibility: 'strict' }).chat(model, { usage: { include: true } }),
        providerOptions: reasoning ? { openrouter: { reasoning: { enabled: true } } } : none,
      };
    }
    case 'azure': {
      const dated = isDatedAzureVersion(settings.apiVersion);
      const { createAzure } = await SDK.azure();
      const provider = createAzure({
        ...keyed,
        ...(settings.apiVersion && { apiVersion: settings.apiVersion }),
        useDeploymentBasedUrls: dated,
      });
      return { model: provider.chat(model), providerOptions: none };
    }
    case 'ollama': {
      const { createOllama } = await SDK.ollama();
      const provider = createOllama({
        baseURL: `${ollamaRoot(baseUrl)}/api`,
        fetch: target.fetch,
        headers: { ...headers, ...(apiKey && { Authorization: `Bearer ${apiKey}` }) },
      });
      return { model: provider(model), providerOptions: reasoning ? { ollama: { think: true } } : none };
    }
    case 'lmstudio':
    case 'openai-compatible': {
      const { createOpenAICompatible } = await SDK.compatible();
      return {
        model: createOpenAICompatible({ name: kind, ...keyed, includeUsage: true }).chatModel(model),
        providerOptions: none,
      };
    }
  }
}
