import { describe, expect, it, vi } from 'vitest';
import type { ApiClient, EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import type { Message, ProviderView } from '../../src-shared/domain';
import { ApiError } from '../api/errors';
import type { ConnectionStatus } from '../api/websocket-client';
import { activeReplyId, AppController } from './app-store';
import { visibleThread } from './thread';
import { UiController } from './ui-store';

const PROVIDER = '01890000-0000-7000-8000-0000000000aa';
const CONVERSATION = '01890000-0000-7000-8000-000000000000';
const OTHER_CONVERSATION = '01890000-0000-7000-8000-000000000009';
const USER = '01890000-0000-7000-8000-000000000001';
const REPLY = '01890000-0000-7000-8000-000000000002';

type Handler = (input: unknown) => Promise<unknown> | unknown;

class FakeApi implements ApiClient {
  readonly calls: Array<{ method: MethodName; input: unknown }> = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(readonly handlers: Partial<Record<MethodName, Handler>>) {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    this.calls.push({ method, input });
    const handler = this.handlers[method];
    if (!handler) throw new ApiError('test.unhandled', `No handler for ${method}.`);
    const output = await handler(input);
    // chat.branch names its conversation; the fakes below leave that to this default.
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
}

const provider: ProviderView = {
  id: PROVIDER,
  name: 'Local',
  kind: 'openai-compatible',
  baseUrl: 'http://127.0.0.1:1/v1',
  model: 'test-model',
  createdAt: 1,
  updatedAt: 1,
  key: { provider: PROVIDER, hasKey: true, hint: 'abcd' },
};

function conversationDetails(id: string, title: string) {
  return { id, title, createdAt: 1, updatedAt: 1, folderId: null, tags: [], pinned: false, archived: false, personaId: null, settings: {}, shownLeafId: null };
}

function message(overrides: Partial<Message>): Message {
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

const userMessage = message({ id: USER, parentId: null, role: 'user', content: 'Hi', status: 'done', providerId: null, model: null });
const sent = { conversationId: CONVERSATION, userMessageId: USER, assistantMessageId: REPLY };

function endOf(final: Message): EventPayload<'stream.end'> {
  return {
    conversationId: final.conversationId,
    messageId: final.id,
    status: final.status,
    error: final.error,
    usage: final.usage,
    message: final,
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(handlers: Partial<Record<MethodName, Handler>>) {
  const api = new FakeApi({
    'provider.list': () => [provider],
    'conversation.list': () => [],
    ...handlers,
  });
  const frames: Array<() => void> = [];
  const controller = new AppController(api, { scheduleFrame: (run) => frames.push(run) });
  controller.start();
  const runFrames = () => frames.splice(0).forEach((run) => run());
  return { api, controller, state: () => controller.store.getState(), runFrames };
}

describe('AppController', () => {
  it('shows a reply whose deltas arrive before chat.send answers, then its final state', async () => {
    const { api, controller, state, runFrames } = setup({
      'chat.send': () => {
        api.emit('conversation.changed', { conversationId: CONVERSATION });
        api.emit('stream.delta', { conversationId: CONVERSATION, messageId: REPLY, text: 'Hel' });
        api.emit('stream.delta', { conversationId: CONVERSATION, messageId: REPLY, text: 'lo' });
        return sent;
      },
      'chat.branch': () => ({ leafId: null, attachments: [], comparisons: [], messages: [userMessage, message({})] }),
    });
    await settle();
    expect(state().selectedProviderId).toBe(PROVIDER);

    await expect(controller.send('Hi')).resolves.toBe(true);
    await settle();
    runFrames();
    expect(state().openConversationId).toBe(CONVERSATION);
    expect(state().messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(state().streaming[REPLY]).toBe('Hello');
    expect(activeReplyId(state())).toBe(REPLY);

    const final = message({ content: 'Hello!', status: 'done', usage: { inputTokens: 2, outputTokens: 3 } });
    api.emit('stream.delta', { conversationId: CONVERSATION, messageId: REPLY, text: '!' });
    api.emit('stream.end', endOf(final));
    expect(state().messages[1]).toEqual(final);
    expect(state().streaming).toEqual({});
    expect(state().announcement?.text).toBe('Reply finished.');
    expect(activeReplyId(state())).toBeNull();
  });

  it('applies many deltas in one state update per frame', async () => {
    const { api, controller, state, runFrames } = setup({ 'chat.send': () => sent, 'chat.branch': () => new Promise(() => {}) });
    await settle();
    await controller.send('Hi');
    let updates = 0;
    controller.store.subscribe(() => updates++);
    for (const text of ['a', 'b', 'c', 'd']) api.emit('stream.delta', { conversationId: CONVERSATION, messageId: REPLY, text });
    expect(updates).toBe(0);
    runFrames();
    expect(updates).toBe(1);
    expect(state().streaming[REPLY]).toBe('abcd');
  });

  it('leaves no stream text behind for a reply that ends off screen', async () => {
    const { api, state, runFrames } = setup({});
    await settle();
    api.emit('stream.delta', { conversationId: OTHER_CONVERSATION, messageId: REPLY, text: 'unseen' });
    api.emit('stream.end', endOf(message({ conversationId: OTHER_CONVERSATION, content: 'unseen', status: 'done' })));
    runFrames();
    expect(state().streaming).toEqual({});
  });

  it('keeps the final reply when stream.end beats a slower load of the conversation', async () => {
    const load = deferred<unknown>();
    const { api, controller, state } = setup({ 'chat.send': () => sent, 'chat.branch': () => load.promise });
    await settle();
    await controller.send('Hi');
    const final = message({ content: 'Sorry.', status: 'error', error: { code: 'provider.http', message: 'The provider failed.' } });
    api.emit('stream.end', endOf(final));
    load.resolve({ leafId: null, attachments: [], comparisons: [], messages: [userMessage, message({ content: 'Sor' })] });
    await settle();
    expect(state().messages[1]).toEqual(final);
    expect(state().announcement?.text).toBe('Reply failed. The provider failed.');
  });

  it('says so when sending with no provider, and keeps the text unsent', async () => {
    const { api, controller, state } = setup({ 'provider.list': () => [] });
    await settle();
    await expect(controller.send('Hi')).resolves.toBe(false);
    expect(state().composerError).toMatch(/Add a provider/);
    expect(api.calls.some((c) => c.method === 'chat.send')).toBe(false);
  });

  it('asks to choose a provider when providers exist but none is selected', async () => {
    const { controller, state } = setup({});
    await settle();
    controller.selectProvider(null);
    await expect(controller.send('Hi')).resolves.toBe(false);
    expect(state().composerError).toMatch(/Choose a provider/);
  });

  it('shows the core’s sentence when sending fails', async () => {
    const { controller, state } = setup({
      'chat.send': () => {
        throw new ApiError('provider.missing', 'That provider no longer exists.');
      },
    });
    await settle();
    await expect(controller.send('Hi')).resolves.toBe(false);
    expect(state().composerError).toBe('That provider no longer exists.');
    expect(state().sending).toBe(false);
  });

  it('stops the reply being written', async () => {
    const { api, controller } = setup({ 'chat.send': () => sent, 'chat.branch': () => new Promise(() => {}), 'chat.stop': () => ({ stopped: true }) });
    await settle();
    await controller.send('Hi');
    await controller.stop();
    expect(api.calls.at(-1)).toEqual({ method: 'chat.stop', input: { messageId: REPLY } });
  });

  it('ignores a load that answers after the user opened another conversation', async () => {
    const first = deferred<unknown>();
    const { controller, state } = setup({
      'chat.branch': (input) =>
        (input as { conversationId: string }).conversationId === CONVERSATION
          ? first.promise
          : { leafId: null, attachments: [], comparisons: [], messages: [] },
    });
    await settle();
    void controller.openConversation(CONVERSATION);
    await controller.openConversation(OTHER_CONVERSATION);
    first.resolve({ leafId: null, attachments: [], comparisons: [], messages: [userMessage] });
    await settle();
    expect(state().openConversationId).toBe(OTHER_CONVERSATION);
    expect(state().messages).toEqual([]);
  });

  it('leaves a conversation that was deleted elsewhere and says so', async () => {
    const { controller, state } = setup({
      'chat.branch': () => {
        throw new ApiError('conversation.missing', 'That conversation no longer exists.');
      },
    });
    await settle();
    await controller.openConversation(CONVERSATION);
    expect(state().openConversationId).toBeNull();
    expect(state().errors.map((e) => e.text)).toEqual(['That conversation no longer exists.']);
  });

  it('selects the first provider saved and never keeps a key in state', async () => {
    const { api, controller, state } = setup({
      'provider.list': () => [],
      'provider.save': () => provider,
    });
    await settle();
    await controller.saveProvider(null, { name: ' Local ', baseUrl: 'http://127.0.0.1:1/v1', apiKey: ' sk-secret ', model: 'test-model' });
    expect(api.calls.at(-1)?.input).toEqual({ name: 'Local', baseUrl: 'http://127.0.0.1:1/v1', model: 'test-model', apiKey: 'sk-secret' });
    expect(state().selectedProviderId).toBe(PROVIDER);
    expect(JSON.stringify(state())).not.toContain('sk-secret');
  });

  it('deletes a conversation at once and brings it back, reopened, with Undo', async () => {
    const conversation = { id: CONVERSATION, title: 'Plans', createdAt: 1, updatedAt: 1 };
    let deleted = false;
    const api = new FakeApi({
      'provider.list': () => [provider],
      'conversation.list': () => (deleted ? [] : [conversation]),
      'chat.branch': () => ({ messages: [userMessage], leafId: USER, attachments: [], comparisons: [] }),
      'conversation.delete': () => {
        deleted = true;
        return { deleted: true };
      },
      'conversation.restore': () => {
        deleted = false;
        return conversation;
      },
    });
    const ui = new UiController(null);
    const controller = new AppController(api, { ui, scheduleFrame: (run) => run() });
    controller.start();
    await controller.openConversation(CONVERSATION);

    const deleting = controller.deleteConversation(CONVERSATION);
    expect(controller.store.getState().pendingDeletes).toEqual([CONVERSATION]);
    expect(controller.store.getState().openConversationId).toBeNull();
    await deleting;
    expect(api.calls.filter((c) => c.method === 'conversation.delete')).toEqual([{ method: 'conversation.delete', input: { id: CONVERSATION } }]);
    expect(controller.store.getState()).toMatchObject({ pendingDeletes: [], conversations: [] });
    const toast = ui.state.toasts.at(-1)!;
    expect(toast.text).toBe('Deleted “Plans”.');

    ui.runToastAction(toast.id);
    await vi.waitFor(() => expect(controller.store.getState().openConversationId).toBe(CONVERSATION));
    expect(api.calls.some((c) => c.method === 'conversation.restore')).toBe(true);
    expect(controller.store.getState().conversations.map((c) => c.id)).toEqual([CONVERSATION]);
    expect(ui.state.toasts.at(-1)!.text).toBe('Conversation restored.');
    expect(controller.store.getState().errors).toEqual([]);
  });

  it('loads once when the connection first opens, and catches up after a reconnect', async () => {
    const api = new FakeApi({ 'provider.list': () => [provider], 'conversation.list': () => [] });
    const listeners = new Set<(status: ConnectionStatus) => void>();
    const connection = {
      status: 'connecting' as ConnectionStatus,
      everOpened: false,
      onStatus(listener: (status: ConnectionStatus) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const to = (status: ConnectionStatus) => {
      connection.status = status;
      if (status === 'open') connection.everOpened = true;
      for (const listener of listeners) listener(status);
    };
    const controller = new AppController(api, { connection, scheduleFrame: (run) => run() });
    controller.start();
    to('open');
    await settle();
    const lists = () => api.calls.filter((c) => c.method === 'conversation.list' || c.method === 'provider.list').length;
    expect(lists()).toBe(2);
    to('reconnecting');
    to('open');
    await settle();
    expect(lists()).toBe(4);
    expect(controller.store.getState().connection).toBe('open');
  });

  it('reopens the conversation that was open last time', async () => {
    const stored = new Map([['realmultillm.lastConversation', CONVERSATION]]);
    const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
    const api = new FakeApi({
      'provider.list': () => [provider],
      'conversation.list': () => [{ id: CONVERSATION, title: 'Hi', createdAt: 1, updatedAt: 1 }],
      'chat.branch': () => ({ leafId: null, attachments: [], comparisons: [], messages: [userMessage] }),
    });
    const controller = new AppController(api, { storage, scheduleFrame: (run) => run() });
    controller.start();
    await settle();
    await settle();
    expect(controller.store.getState().openConversationId).toBe(CONVERSATION);
    expect(controller.store.getState().messages.map((m) => m.id)).toEqual([USER]);

    controller.newChat();
    expect(stored.get('realmultillm.lastConversation')).toBe('');
  });

  it('jumps to a search hit: opens its conversation and marks the message', async () => {
    const { controller, state } = setup({
      'chat.branch': () => ({ leafId: null, attachments: [], comparisons: [], messages: [userMessage, message({ status: 'done', content: 'Hello' })] }),
    });
    await controller.jumpToMessage(CONVERSATION, REPLY);
    expect(state().openConversationId).toBe(CONVERSATION);
    expect(state().focusMessage?.id).toBe(REPLY);
  });

  it('says nothing when the conversation open last time has since been deleted', async () => {
    const stored = new Map([['realmultillm.lastConversation', CONVERSATION]]);
    const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
    const api = new FakeApi({
      'provider.list': () => [provider],
      'conversation.list': () => [],
      'chat.branch': () => {
        throw new ApiError('conversation.missing', 'That conversation no longer exists.');
      },
    });
    const controller = new AppController(api, { storage, scheduleFrame: (run) => run() });
    controller.start();
    await settle();
    await settle();
    expect(controller.store.getState().openConversationId).toBeNull();
    expect(controller.store.getState().errors).toEqual([]);
  });

  it('shows a retry until the reply ends, and keeps reasoning apart from the answer', async () => {
    const { api, state, runFrames } = setup({});
    await settle();
    const error = { code: 'provider.rate_limited', message: 'Rate limited.' };
    api.emit('stream.retry', { conversationId: CONVERSATION, messageId: REPLY, attempt: 2, delayMs: 7000, error });
    expect(state().retries[REPLY]?.attempt).toBe(2);
    api.emit('stream.reasoning', { conversationId: CONVERSATION, messageId: REPLY, text: 'Thinking ' });
    api.emit('stream.reasoning', { conversationId: CONVERSATION, messageId: REPLY, text: 'hard.' });
    runFrames();
    expect(state().reasoning[REPLY]).toBe('Thinking hard.');
    api.emit('stream.end', endOf(message({ status: 'done', content: 'Answer' })));
    expect(state().retries[REPLY]).toBeUndefined();
    expect(state().reasoning[REPLY]).toBe('Thinking hard.');
  });
});

describe('branches', () => {
  const OLDER = '01890000-0000-7000-8000-000000000003';
  const older = message({ id: OLDER, status: 'done', content: 'First try', createdAt: 1 });
  const newer = message({ status: 'done', content: 'Second try', createdAt: 2 });
  const visible = (state: ReturnType<AppController['store']['getState']>) =>
    visibleThread(state.messages, state.branchChoices).map((entry) => [entry.message.id, entry.branch && `${entry.branch.index}/${entry.branch.count}`]);

  it('shows the branch the core remembers, and a switch asks the core to remember the new one', async () => {
    let leafId = OLDER;
    const { api, controller, state } = setup({
      'chat.branch': () => ({ leafId, messages: [userMessage, older, newer], attachments: [], comparisons: [] }),
      'chat.showBranch': (input) => ({ leafId: (leafId = (input as { messageId: string }).messageId) }),
    });
    await controller.openConversation(CONVERSATION);
    expect(visible(state())).toEqual([
      [USER, null],
      [OLDER, '1/2'],
    ]);
    await controller.showBranch(REPLY);
    expect(api.calls.find((c) => c.method === 'chat.showBranch')?.input).toEqual({ conversationId: CONVERSATION, messageId: REPLY });
    expect(visible(state())).toEqual([
      [USER, null],
      [REPLY, '2/2'],
    ]);
  });

  it('regenerates and edits through the core, then shows what the core shows', async () => {
    const { api, controller, state } = setup({
      'chat.branch': () => ({ leafId: REPLY, messages: [userMessage, newer], attachments: [], comparisons: [] }),
      'chat.regenerate': () => ({ conversationId: CONVERSATION, assistantMessageId: REPLY }),
      'chat.edit': () => {
        throw new ApiError('attachment.no_vision', 'o3-mini does not take images.');
      },
    });
    await settle();
    await controller.openConversation(CONVERSATION);
    await controller.regenerate(OLDER);
    expect(api.calls.find((c) => c.method === 'chat.regenerate')?.input).toEqual({ conversationId: CONVERSATION, messageId: OLDER });
    expect(await controller.edit(USER, 'Hi again')).toBe('o3-mini does not take images.');
    expect(api.calls.find((c) => c.method === 'chat.edit')?.input).toEqual({
      conversationId: CONVERSATION,
      messageId: USER,
      text: 'Hi again',
      providerId: PROVIDER,
    });
    expect(state().errors).toEqual([]);
  });

  it('regenerates with another provider and its model when one is chosen', async () => {
    const { api, controller } = setup({
      'chat.branch': () => ({ leafId: REPLY, messages: [userMessage, newer], attachments: [], comparisons: [] }),
      'chat.regenerate': () => ({ conversationId: CONVERSATION, assistantMessageId: REPLY }),
    });
    await settle();
    await controller.openConversation(CONVERSATION);
    await controller.regenerate(OLDER, { id: PROVIDER, model: 'other-model' });
    expect(api.calls.find((c) => c.method === 'chat.regenerate')?.input).toEqual({
      conversationId: CONVERSATION,
      messageId: OLDER,
      providerId: PROVIDER,
      model: 'other-model',
    });
  });

  it("keeps each message's files from the load", async () => {
    const file = { id: OLDER, messageId: USER, hash: 'a'.repeat(64), mime: 'text/plain', size: 3, fileName: 'notes.txt', createdAt: 1 };
    const { controller, state } = setup({ 'chat.branch': () => ({ leafId: USER, messages: [userMessage], attachments: [file], comparisons: [] }) });
    await controller.openConversation(CONVERSATION);
    expect(state().attachments).toEqual({ [USER]: [file] });
  });
});
