import type { Usage } from '../../../src-shared/domain';

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface StreamRequest {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  messages: ChatTurn[];
  signal: AbortSignal;
  /** Called for every piece of text as it arrives. */
  onText(delta: string): void;
  maxOutputTokens?: number;
  /** Ends the call when nothing arrives for this long (default 60 s). */
  idleTimeoutMs?: number;
}

export interface StreamResult {
  text: string;
  usage: Usage;
  finishReason: string;
  /** The model that answered, as the provider names it (it may resolve an alias). */
  model: string;
}

export interface ConnectionTestRequest {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  signal: AbortSignal;
  idleTimeoutMs?: number;
}

export interface ConnectionTestResult {
  model: string;
  reply: string;
  latencyMs: number;
}
