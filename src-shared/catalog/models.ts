// The built-in model catalog: limits, capabilities and list prices (USD per million
// tokens, standard tier, as the providers published them when this list was last
// updated). A user's override (Models settings) wins over any entry here.
import type { ProviderKind } from '../domain';
import type { ModelInfo } from './schema';

/** Capabilities as letters: v = vision, t = tools, r = reasoning. */
function m(kind: ProviderKind, id: string, label: string, context: number, maxOut: number, caps: string, input: number, output: number): ModelInfo {
  return {
    id,
    kind,
    label,
    contextWindow: context,
    maxOutputTokens: maxOut,
    capabilities: { vision: caps.includes('v'), tools: caps.includes('t'), reasoning: caps.includes('r') },
    price: { inputPerMTok: input, outputPerMTok: output },
    source: 'catalog',
  };
}

const openai = (id: string, label: string, context: number, maxOut: number, caps: string, input: number, output: number) => [
  m('openai', id, label, context, maxOut, caps, input, output),
  m('openai-chat', id, label, context, maxOut, caps, input, output),
];

export const CATALOG: readonly ModelInfo[] = [
  ...openai('gpt-5', 'GPT-5', 400_000, 128_000, 'vtr', 1.25, 10),
  ...openai('gpt-5-mini', 'GPT-5 mini', 400_000, 128_000, 'vtr', 0.25, 2),
  ...openai('gpt-5-nano', 'GPT-5 nano', 400_000, 128_000, 'vtr', 0.05, 0.4),
  ...openai('gpt-4.1', 'GPT-4.1', 1_047_576, 32_768, 'vt', 2, 8),
  ...openai('gpt-4.1-mini', 'GPT-4.1 mini', 1_047_576, 32_768, 'vt', 0.4, 1.6),
  ...openai('gpt-4.1-nano', 'GPT-4.1 nano', 1_047_576, 32_768, 'vt', 0.1, 0.4),
  ...openai('gpt-4o', 'GPT-4o', 128_000, 16_384, 'vt', 2.5, 10),
  ...openai('gpt-4o-mini', 'GPT-4o mini', 128_000, 16_384, 'vt', 0.15, 0.6),
  ...openai('o3', 'o3', 200_000, 100_000, 'vtr', 2, 8),
  ...openai('o3-mini', 'o3-mini', 200_000, 100_000, 'tr', 1.1, 4.4),
  ...openai('o4-mini', 'o4-mini', 200_000, 100_000, 'vtr', 1.1, 4.4),

  m('anthropic', 'claude-opus-4-1', 'Claude Opus 4.1', 200_000, 32_000, 'vtr', 15, 75),
  m('anthropic', 'claude-opus-4-0', 'Claude Opus 4', 200_000, 32_000, 'vtr', 15, 75),
  m('anthropic', 'claude-sonnet-4-5', 'Claude Sonnet 4.5', 200_000, 64_000, 'vtr', 3, 15),
  m('anthropic', 'claude-sonnet-4-0', 'Claude Sonnet 4', 200_000, 64_000, 'vtr', 3, 15),
  m('anthropic', 'claude-3-7-sonnet-latest', 'Claude Sonnet 3.7', 200_000, 64_000, 'vtr', 3, 15),
  m('anthropic', 'claude-haiku-4-5', 'Claude Haiku 4.5', 200_000, 64_000, 'vtr', 1, 5),
  m('anthropic', 'claude-3-5-haiku-latest', 'Claude Haiku 3.5', 200_000, 8_192, 'vt', 0.8, 4),

  m('google', 'gemini-2.5-pro', 'Gemini 2.5 Pro', 1_048_576, 65_536, 'vtr', 1.25, 10),
  m('google', 'gemini-2.5-flash', 'Gemini 2.5 Flash', 1_048_576, 65_536, 'vtr', 0.3, 2.5),
  m('google', 'gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite', 1_048_576, 65_536, 'vtr', 0.1, 0.4),
  m('google', 'gemini-2.0-flash', 'Gemini 2.0 Flash', 1_048_576, 8_192, 'vt', 0.1, 0.4),
  m('google', 'gemini-2.0-flash-lite', 'Gemini 2.0 Flash-Lite', 1_048_576, 8_192, 'vt', 0.075, 0.3),

  m('mistral', 'mistral-large-latest', 'Mistral Large', 131_072, 131_072, 'vt', 2, 6),
  m('mistral', 'mistral-medium-latest', 'Mistral Medium', 131_072, 131_072, 'vt', 0.4, 2),
  m('mistral', 'mistral-small-latest', 'Mistral Small', 131_072, 131_072, 'vt', 0.1, 0.3),
  m('mistral', 'magistral-medium-latest', 'Magistral Medium', 40_960, 40_960, 'tr', 2, 5),
  m('mistral', 'magistral-small-latest', 'Magistral Small', 40_960, 40_960, 'tr', 0.5, 1.5),
  m('mistral', 'codestral-latest', 'Codestral', 256_000, 256_000, 't', 0.3, 0.9),
  m('mistral', 'ministral-8b-latest', 'Ministral 8B', 131_072, 131_072, 't', 0.1, 0.1),

  m('groq', 'llama-3.3-70b-versatile', 'Llama 3.3 70B', 131_072, 32_768, 't', 0.59, 0.79),
  m('groq', 'llama-3.1-8b-instant', 'Llama 3.1 8B', 131_072, 131_072, 't', 0.05, 0.08),
  m('groq', 'openai/gpt-oss-120b', 'GPT-OSS 120B', 131_072, 65_536, 'tr', 0.15, 0.75),
  m('groq', 'openai/gpt-oss-20b', 'GPT-OSS 20B', 131_072, 65_536, 'tr', 0.1, 0.5),
  m('groq', 'qwen/qwen3-32b', 'Qwen3 32B', 131_072, 40_960, 'tr', 0.29, 0.59),

  m('xai', 'grok-4', 'Grok 4', 256_000, 256_000, 'vtr', 3, 15),
  m('xai', 'grok-3', 'Grok 3', 131_072, 131_072, 't', 3, 15),
  m('xai', 'grok-3-mini', 'Grok 3 mini', 131_072, 131_072, 'tr', 0.3, 0.5),

  m('deepseek', 'deepseek-chat', 'DeepSeek Chat', 128_000, 8_192, 't', 0.28, 0.42),
  m('deepseek', 'deepseek-reasoner', 'DeepSeek Reasoner', 128_000, 65_536, 'tr', 0.28, 0.42),

  m('openrouter', 'openai/gpt-4o', 'OpenAI: GPT-4o', 128_000, 16_384, 'vt', 2.5, 10),
  m('openrouter', 'openai/gpt-4o-mini', 'OpenAI: GPT-4o mini', 128_000, 16_384, 'vt', 0.15, 0.6),
  m('openrouter', 'anthropic/claude-sonnet-4.5', 'Anthropic: Claude Sonnet 4.5', 200_000, 64_000, 'vtr', 3, 15),
  m('openrouter', 'google/gemini-2.5-flash', 'Google: Gemini 2.5 Flash', 1_048_576, 65_536, 'vtr', 0.3, 2.5),
  m('openrouter', 'meta-llama/llama-3.3-70b-instruct', 'Meta: Llama 3.3 70B', 131_072, 16_384, 't', 0.13, 0.4),
  m('openrouter', 'deepseek/deepseek-r1', 'DeepSeek: R1', 163_840, 163_840, 'r', 0.4, 2),

  // Azure names deployments, not models: the user's deployment usually carries the model's name.
  m('azure', 'gpt-4o', 'GPT-4o', 128_000, 16_384, 'vt', 2.5, 10),
  m('azure', 'gpt-4o-mini', 'GPT-4o mini', 128_000, 16_384, 'vt', 0.15, 0.6),
  m('azure', 'gpt-4.1', 'GPT-4.1', 1_047_576, 32_768, 'vt', 2, 8),
  m('azure', 'gpt-4.1-mini', 'GPT-4.1 mini', 1_047_576, 32_768, 'vt', 0.4, 1.6),
  m('azure', 'o4-mini', 'o4-mini', 200_000, 100_000, 'vtr', 1.1, 4.4),

  // Local servers: whatever the user pulled; these are common starting points, free to run.
  m('ollama', 'llama3.2', 'Llama 3.2', 131_072, 131_072, 't', 0, 0),
  m('ollama', 'qwen3', 'Qwen3', 40_960, 40_960, 'tr', 0, 0),
  m('ollama', 'gpt-oss:20b', 'GPT-OSS 20B', 131_072, 131_072, 'tr', 0, 0),
  m('ollama', 'deepseek-r1', 'DeepSeek-R1', 131_072, 131_072, 'r', 0, 0),
  m('ollama', 'gemma3', 'Gemma 3', 131_072, 8_192, 'v', 0, 0),
];
