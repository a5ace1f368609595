// What the stores' tests share: a stand-in for the core that answers each method
// with the test's handler and lets the test emit events, the stores wired as the
// app wires them, and a few messages and providers.
import type { ApiClient, EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import type { Message, ProviderView } from '../../src-shared/domain';
import { ApiError } from '../api/errors';
import { createStores, type StoresOptions } from './stores';

export const PROVIDER = '01890000-0000-7000-8000-0000000000aa';
export const CONVERSATION = '01890000-0000-7000-8000-000000000000';
export const OTHER_CONVERSATION = '01890000-0000-7000-8000-000000000009';
export const USER = '01890000-0000-7000-8000-000000000001';
export const REPLY = '01890000-0000-7000-8000-000000000002';

type Handler = (input: unknown) => Promise<unknown> | unknown;
export type Handlers = Partial<Record<MethodName, Handler>>;

export class FakeApi implements ApiClient {
  readonly calls: Array<{ method: MethodName; input: unknown }> = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(readonly handlers: Handlers) {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    this.calls.push({ method, input });
    const handler = this.handlers[method];
    if (!handler) throw new ApiError('test.unhandled', `No handler for ${method}.`);
    const output = await handler(input);
    // chat.branch names its conversation; the handlers leave that to this default.
    if (method === 'chat.branch') return { conversation: conversationDetails(CONVERSATION, 'Plans'), ...(output as object) } as MethodOutput<M>;
    return output as MethodOutput<M>;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  called(method: MethodName): Array<{ method: MethodName; input: unknown }> {
    return this.calls.filter((c) => c.method === method);
  }
}

export const provider: ProviderView = {
  id: PROVIDER,
  name: 'Local',
  kind: 'openai-compatible',
  baseUrl: 'http://127.0.0.1:1/v1',
  model: 'test-model',
  createdAt: 1,
  updatedAt: 1,
  key: { provider: PROVIDER, hasKey: true, hint: 'abcd' },
};

export function conversationDetails(id: string, title: string) {
  return { id, title, createdAt: 1, updatedAt: 1, folderId: null, tags: [], pinned: false, archived: false, personaId: null, settings: {}, shownLeafId: null };
}

export function message(overrides: Partial<Message>): Message {
  return {
    id: REPLY,
    conversationId: CONVERSATION,
    parentId: USER,
    role: 'assistant',
    content: '',
    status: 'streaming',
    providerId: PROVIDER,
    model: 'test-model',
    error: null,
    usage: { inputTokens: null, outputTokens: null },
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

export const userMessage = message({ id: USER, parentId: null, role: 'user', content: 'Hi', status: 'done', providerId: null, model: null });
export const sent = { conversationId: CONVERSATION, userMessageId: USER, assistantMessageId: REPLY };

export function endOf(final: Message): EventPayload<'stream.end'> {
  return {
    conversationId: final.conversationId,
    messageId: final.id,
    status: final.status,
    error: final.error,
    usage: final.usage,
    message: final,
  };
}

export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

export function memoryStorage(initial: Record<string, string> = {}) {
  const stored = new Map(Object.entries(initial));
  return { stored, getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
}

/**
 * The stores wired and started against a fake core that lists one provider and
 * no conversations unless `handlers` say otherwise. Animation frames run only
 * when the test says so (`runFrames`), unless `options.scheduleFrame` is given.
 */
export function setup(handlers: Handlers, options: StoresOptions = {}) {
  const api = new FakeApi({
    'provider.list': () => [provider],
    'conversation.list': () => [],
    ...handlers,
  });
  const frames: Array<() => void> = [];
  const stores = createStores(api, { scheduleFrame: (run) => frames.push(run), ...options });
  stores.start();
  const runFrames = () => frames.splice(0).forEach((run) => run());
  return { api, stores, runFrames };
}
