// Domain types shared by the core, the renderer and (later) the team server.
import { z } from 'zod';

export const Id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a UUID');

export const MessageRole = z.enum(['system', 'user', 'assistant']);
export type MessageRole = z.infer<typeof MessageRole>;

export const MessageStatus = z.enum(['streaming', 'done', 'error', 'interrupted']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const Usage = z.object({
  inputTokens: z.number().int().nonnegative().nullable(),
  outputTokens: z.number().int().nonnegative().nullable(),
});
export type Usage = z.infer<typeof Usage>;

/**
 * An error the user can read. `code` and `params` are what the renderer words in
 * the user's language (api/error-codes.ts); `message` says the same in English,
 * for logs and for errors stored before codes had params.
 */
/** One thing wrong with what was sent (a field, a step's template): a problem code from api/error-codes.ts, worded by the renderer. */
export const ErrorProblem = z.object({
  /** Where, as dotted field names ("steps.1.prompt"); empty for the whole input. */
  path: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type ErrorProblem = z.infer<typeof ErrorProblem>;

export const UserError = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** What exactly was wrong, when the error is about several things (a request's fields, a pipeline's steps). */
  problems: z.array(ErrorProblem).optional(),
});
export type UserError = z.infer<typeof UserError>;

export const Conversation = z.object({
  id: Id,
  title: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Conversation = z.infer<typeof Conversation>;

export const Message = z.object({
  id: Id,
  conversationId: Id,
  parentId: Id.nullable(),
  role: MessageRole,
  content: z.string(),
  status: MessageStatus,
  providerId: Id.nullable(),
  model: z.string().nullable(),
  error: UserError.nullable(),
  usage: Usage,
  /** What the reply cost in US dollars, from the catalog's price when it finished; null when unknown. */
  costUsd: z.number().nonnegative().nullable().optional(),
  /** Milliseconds from sending to the reply's first token; null when none came (or it is unknown). */
  ttftMs: z.number().nonnegative().nullable().optional(),
  /** The reply's reasoning, kept apart from its answer; null when the model sent none. */
  reasoning: z.string().nullable().optional(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Message = z.infer<typeof Message>;

/** How the core talks to a provider; src-shared/catalog/kinds.ts describes each one. */
export const ProviderKind = z.enum([
  'openai-compatible',
  'openai',
  'openai-chat',
  'anthropic',
  'google',
  'mistral',
  'groq',
  'xai',
  'deepseek',
  'openrouter',
  'azure',
  'ollama',
  'lmstudio',
]);
export type ProviderKind = z.infer<typeof ProviderKind>;

/** Where a key is kept: the OS keychain, Electron safeStorage into SQLite, or the passphrase-protected key file. */
export const KeyBackend = z.enum(['keychain', 'safe-storage', 'passphrase-file']);
export type KeyBackend = z.infer<typeof KeyBackend>;

/**
 * What the renderer may know of a key: never the key itself. The core always
 * fills every field; the later ones are optional only for older callers.
 */
export const KeyStatus = z.object({
  provider: z.string(),
  hasKey: z.boolean(),
  hint: z.string().nullable(),
  /** "default" for the key a provider had before it could have several. */
  label: z.string().optional(),
  isDefault: z.boolean().optional(),
  backend: KeyBackend.nullable().optional(),
  updatedAt: z.number().int().nullable().optional(),
  /** Set when this key could not be read in this run (locked backend, undecryptable): what happened and what to do. */
  problem: UserError.nullable().optional(),
});
export type KeyStatus = z.infer<typeof KeyStatus>;

export const HttpUrl = z
  .string()
  .trim()
  .url('must be a URL such as https://api.example.com/v1')
  .refine((value) => /^https?:\/\//i.test(value), 'must start with http:// or https://');

/** A provider configuration as stored (never with its key). */
export const ProviderConfig = z.object({
  id: Id,
  name: z.string().min(1),
  kind: ProviderKind,
  baseUrl: HttpUrl,
  model: z.string().min(1),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type ProviderConfig = z.infer<typeof ProviderConfig>;

export const ProviderView = ProviderConfig.extend({ key: KeyStatus });
export type ProviderView = z.infer<typeof ProviderView>;
