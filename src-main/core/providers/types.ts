import type { ProviderKind, Usage } from '../../../src-shared/domain';
import type { ProviderSettings } from '../../../src-shared/entities/provider-settings';

/** An image sent with a user turn, as the model's image part. */
export interface ChatImage {
  /** One of IMAGE_TYPES (src-shared/entities/attachments). */
  mediaType: string;
  data: Uint8Array;
  fileName: string;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** User turns only; for models that take images. */
  images?: readonly ChatImage[];
}

/** Generation parameters; omitted ones are the provider's defaults. */
export interface GenerationParams {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
}

/** Where and how to reach a provider (never stored with its key). */
export interface ProviderTarget {
  /** Default "openai-compatible". */
  kind?: ProviderKind;
  baseUrl: string;
  apiKey: string | null;
  /** API version, organization, extra headers. */
  settings?: ProviderSettings;
}

export interface StreamRequest extends ProviderTarget {
  model: string;
  messages: ChatTurn[];
  signal: AbortSignal;
  /** Called for every piece of answer text as it arrives. */
  onText(delta: string): void;
  /** Called for every piece of reasoning, kept apart from the answer. */
  onReasoning?(delta: string): void;
  params?: GenerationParams;
  /** Ask for the model's reasoning; only for models that reason (others refuse the option). */
  reasoning?: boolean;
  /** Ends the call when the response headers have not come for this long (default 30 s). */
  connectTimeoutMs?: number;
  /** Ends the call when nothing arrives for this long once it has started (default 60 s). */
  idleTimeoutMs?: number;
}

export interface StreamResult {
  text: string;
  reasoning: string;
  usage: Usage;
  /** Part of the output tokens, when the provider says. */
  reasoningTokens: number | null;
  finishReason: string;
  /** The model that answered, as the provider names it (it may resolve an alias). */
  model: string;
  /** From the start of the call to the first text or reasoning delta. */
  ttftMs: number | null;
  durationMs: number;
}

export interface ConnectionTestRequest extends ProviderTarget {
  model: string;
  signal: AbortSignal;
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
}

export interface ConnectionTestResult {
  model: string;
  reply: string;
  latencyMs: number;
}
