// The one API contract between the renderer and the core: every call the renderer
// may make and every event the core may push, each with a zod schema. Both
// transports (Electron IPC and the browser host's WebSocket) carry exactly this.
import { z } from 'zod';
import {
  Conversation,
  HttpUrl,
  Id,
  KeyStatus,
  Message,
  MessageStatus,
  ProviderKind,
  ProviderView,
  Usage,
  UserError,
} from '../domain';

const Empty = z.object({}).strict();

export const methods = {
  'app.info': {
    input: Empty,
    output: z.object({
      version: z.string(),
      transport: z.enum(['electron', 'browser']),
      vaultBackend: z.string(),
    }),
  },
  'conversation.list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(Conversation),
  },
  'conversation.get': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ conversation: Conversation, messages: z.array(Message) }),
  },
  'conversation.delete': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  'provider.list': {
    input: Empty,
    output: z.array(ProviderView),
  },
  'provider.save': {
    input: z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1, 'needs a name').max(100),
        kind: ProviderKind.default('openai-compatible'),
        baseUrl: HttpUrl,
        model: z.string().trim().min(1, 'needs a model name').max(200),
        // Write-only: goes straight to the vault, never comes back.
        apiKey: z.string().max(4096).optional(),
      })
      .strict(),
    output: ProviderView,
  },
  'provider.delete': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  'provider.test': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ ok: z.literal(true), model: z.string(), reply: z.string(), latencyMs: z.number() }),
  },
  'vault.list': {
    input: Empty,
    output: z.array(KeyStatus),
  },
  'vault.setKey': {
    input: z.object({ provider: Id, key: z.string().min(1).max(4096) }).strict(),
    output: KeyStatus,
  },
  'vault.deleteKey': {
    input: z.object({ provider: Id }).strict(),
    output: KeyStatus,
  },
  'chat.send': {
    input: z
      .object({
        conversationId: Id.optional(),
        providerId: Id,
        text: z.string().trim().min(1, 'cannot be empty').max(1_000_000),
      })
      .strict(),
    output: z.object({ conversationId: Id, userMessageId: Id, assistantMessageId: Id }),
  },
  'chat.stop': {
    input: z.object({ messageId: Id }).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  /** Text appended to a streaming reply; coalesced to at most one per stream per frame. */
  'stream.delta': z.object({ conversationId: Id, messageId: Id, text: z.string() }),
  /** A reply finished, failed or was stopped; `message` is its final stored state. */
  'stream.end': z.object({
    conversationId: Id,
    messageId: Id,
    status: MessageStatus,
    error: UserError.nullable(),
    usage: Usage,
    message: Message,
  }),
  'conversation.changed': z.object({ conversationId: Id }),
} as const satisfies Record<string, z.ZodType>;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
/** What a handler receives (after validation and defaults). */
export type HandlerInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type Handlers = {
  [M in MethodName]: (input: HandlerInput<M>) => Promise<MethodOutput<M>>;
};

/** What the renderer holds: the same shape under Electron and in the browser. */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(methods, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(events, value);
}
