// Every provider kind the app speaks: how it is reached, which settings it takes
// and how its models are listed. The renderer builds the provider form from this.
import type { ProviderKind } from '../domain';

/** The wire format a kind speaks (what the local test server replays for it). */
export type WireFormat = 'openai-chat' | 'openai-responses' | 'anthropic' | 'gemini' | 'ollama';

/** A kind-specific setting the provider form shows (see entities/provider-settings.ts). */
export type KindSetting = 'apiVersion' | 'organization' | 'project' | 'headers';

export interface ProviderKindInfo {
  kind: ProviderKind;
  label: string;
  /** Prefilled in the form; null when the user must type one (any OpenAI-compatible server). */
  defaultBaseUrl: string | null;
  /** What the base URL looks like, for the form's hint. */
  baseUrlHint: string;
  key: 'required' | 'optional' | 'none';
  wire: WireFormat;
  /** "live": the provider lists its models; "catalog": only the built-in list and the user's own. */
  listing: 'live' | 'catalog';
  settings: readonly KindSetting[];
  /** Runs on the user's machine: calls cost nothing. */
  local: boolean;
  /** The AI SDK package that speaks it. */
  sdkPackage: string;
}

const kinds: readonly ProviderKindInfo[] = [
  {
    kind: 'openai',
    label: 'OpenAI',
    defaultBaseUrl: 'https://api.openai.com/v1',
    baseUrlHint: 'https://api.openai.com/v1',
    key: 'required',
    wire: 'openai-responses',
    listing: 'live',
    settings: ['organization', 'project', 'headers'],
    local: false,
    sdkPackage: '@ai-sdk/openai (Responses API)',
  },
  {
    kind: 'openai-chat',
    label: 'OpenAI (Chat Completions)',
    defaultBaseUrl: 'https://api.openai.com/v1',
    baseUrlHint: 'https://api.openai.com/v1',
    key: 'required',
    wire: 'openai-chat',
    listing: 'live',
    settings: ['organization', 'project', 'headers'],
    local: false,
    sdkPackage: '@ai-sdk/openai (Chat Completions API)',
  },
  {
    kind: 'anthropic',
    label: 'Anthropic',
    defaultBaseUrl: 'https://api.anthropic.com/v1',
    baseUrlHint: 'https://api.anthropic.com/v1',
    key: 'required',
    wire: 'anthropic',
    listing: 'live',
    settings: ['headers'],
    local: false,
    sdkPackage: '@ai-sdk/anthropic',
  },
  {
    kind: 'google',
    label: 'Google Gemini',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    baseUrlHint: 'https://generativelanguage.googleapis.com/v1beta',
    key: 'required',
    wire: 'gemini',
    listing: 'live',
    settings: ['headers'],
    local: false,
    sdkPackage: '@ai-sdk/google',
  },
  {
    kind: 'mistral',
    label: 'Mistral',
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    baseUrlHint: 'https://api.mistral.ai/v1',
    key: 'required',
    wire: 'openai-chat',
    listing: 'live',
    settings: ['headers'],
    local: false,
    sdkPackage: '@ai-sdk/mistral',
  },
  {
    kind: 'groq',
    label: 'Groq',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    baseUrlHint: 'https://api.groq.com/openai/v1',
    key: 'required',
    wire: 'openai-chat',
    listing: 'live',
    settings: ['headers'],
    local: false,
    sdkPackage: '@ai-sdk/groq',
  },
  {
    kind: 'xai',
    label: 'xAI',
    defaultBaseUrl: 'https://api.x.ai/v1',
    baseUrlHint: 'https://api.x.ai/v1',
    key: 'required',
    wire: 'openai-chat',
    listing: 'live',
    settings: ['headers'],
    local: false,
    sdkPackage: '@ai-sdk/xai',
  },
  {
    kind: 'deepseek',
    label: 'DeepSeek',
    defaultBaseUrl: 'https://api.deepseek.com/v1',
    baseUrlHint: 'https://api.deepseek.com/v1',
    key: 'required',
    wire: 'openai-chat',
    listing: 'live',
    settings: ['headers'],
    local: false,
    sdkPackage: '@ai-sdk/deepseek',
  },
  {
    kind: 'openrouter',
    label: 'OpenRouter',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    baseUrlHint: 'https://openrouter.ai/api/v1',
    key: 'required',
    wire: 'openai-chat',
    listing: 'live',
    settings: ['headers'],
    local: false,
    sdkPackage: '@openrouter/ai-sdk-provider',
  },
  {
    kind: 'azure',
    label: 'Azure OpenAI',
    defaultBaseUrl: null,
    baseUrlHint: 'https://YOUR-RESOURCE.openai.azure.com/openai',
    key: 'required',
    wire: 'openai-chat',
    listing: 'catalog',
    settings: ['apiVersion', 'headers'],
    local: false,
    sdkPackage: '@ai-sdk/azure',
  },
  {
    kind: 'ollama',
    label: 'Ollama',
    defaultBaseUrl: 'http://127.0.0.1:11434',
    baseUrlHint: 'http://127.0.0.1:11434',
    key: 'none',
    wire: 'ollama',
    listing: 'live',
    settings: ['headers'],
    local: true,
    sdkPackage: 'ollama-ai-provider-v2',
  },
  {
    kind: 'lmstudio',
    label: 'LM Studio',
    defaultBaseUrl: 'http://127.0.0.1:1234/v1',
    baseUrlHint: 'http://127.0.0.1:1234/v1',
    key: 'none',
    wire: 'openai-chat',
    listing: 'live',
    settings: ['headers'],
    local: true,
    sdkPackage: '@ai-sdk/openai-compatible',
  },
  {
    kind: 'openai-compatible',
    label: 'OpenAI-compatible server',
    defaultBaseUrl: null,
    baseUrlHint: 'https://example.com/v1',
    key: 'optional',
    wire: 'openai-chat',
    listing: 'live',
    settings: ['headers'],
    local: false,
    sdkPackage: '@ai-sdk/openai-compatible',
  },
];

export const PROVIDER_KINDS: readonly ProviderKindInfo[] = kinds;

export function kindInfo(kind: ProviderKind): ProviderKindInfo {
  const info = kinds.find((k) => k.kind === kind);
  if (!info) throw new Error(`unknown provider kind ${kind}`);
  return info;
}
