// The one API contract between the renderer and the core: every call the renderer
// may make and every event the core may push, each with a zod schema. Both
// transports (Electron IPC and the browser host's WebSocket) carry exactly this.
// Each domain's methods live in methods/*.ts; add a new domain there and spread it here.
import { z } from 'zod';
import { Id, Message, MessageStatus, Usage, UserError } from '../domain';
import { appMethods } from './methods/app';
import { chatEvents, chatMethods, ReplyMetrics } from './methods/chat';
import { compareEvents, compareMethods } from './methods/compare';
import { conversationMethods } from './methods/conversations';
import { dataEvents, dataMethods } from './methods/data';
import { goalMethods } from './methods/goals';
import { modelMethods } from './methods/models';
import { personaMethods } from './methods/personas';
import { pipelineEvents, pipelineMethods } from './methods/pipelines';
import { providerMethods } from './methods/providers';
import { syncEvents, syncMethods } from './methods/sync';
import { vaultMethods } from './methods/vault';

export const methods = {
  ...appMethods,
  ...conversationMethods,
  ...dataMethods,
  ...providerMethods,
  ...vaultMethods,
  ...chatMethods,
  ...compareMethods,
  ...personaMethods,
  ...pipelineMethods,
  ...goalMethods,
  ...modelMethods,
  ...syncMethods,
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
    /** The reply's reasoning, when the model sent any (also stored: `message.reasoning`). */
    reasoning: z.string().optional(),
    metrics: ReplyMetrics.optional(),
  }),
  'conversation.changed': z.object({ conversationId: Id }),
  ...chatEvents,
  ...dataEvents,
  ...compareEvents,
  ...pipelineEvents,
  ...syncEvents,
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
