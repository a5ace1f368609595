import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { visibleThread } from './thread';
import type { ThreadState } from './thread-store';
import {
  CONVERSATION,
  conversationDetails,
  deferred,
  endOf,
  memoryStorage,
  message,
  OTHER_CONVERSATION,
  PROVIDER,
  REPLY,
  sent,
  settle,
  setup,
  USER,
  userMessage,
} from './test-support';

describe('ThreadStore', () => {
  it('keeps the final reply when stream.end beats a slower load of the conversation', async () => {
    const load = deferred<unknown>();
    const { api, stores } = setup({ 'chat.send': () => sent, 'chat.branch': () => load.promise });
    await settle();
    await stores.composer.send('Hi');
    const final = message({ content: 'Sorry.', status: 'error', error: { code: 'provider.http', message: 'The provider failed.', params: {} } });
    api.emit('stream.end', endOf(final));
    load.resolve({ leafId: null, attachments: [], comparisons: [], messages: [userMessage, message({ content: 'Sor' })] });
    await settle();
    expect(stores.thread.state.messages[1]).toEqual(final);
    expect(stores.status.state.announcement?.text).toBe('Reply failed. The provider failed.');
  });

  it('shows a reply that ended before its conversation was on screen in its final state', async () => {
    const final = message({ content: 'Done.', status: 'done' });
    const { api, stores } = setup({ 'chat.branch': () => ({ leafId: null, attachments: [], comparisons: [], messages: [userMessage, message({ content: 'Do' })] }) });
    await settle();
    api.emit('stream.end', endOf(final));
    await stores.thread.open(CONVERSATION);
    expect(stores.thread.state.messages[1]).toEqual(final);
  });

  it('ignores a load that answers after the user opened another conversation', async () => {
    const first = deferred<unknown>();
    const { stores } = setup({
      'chat.branch': (input) =>
        (input as { conversationId: string }).conversationId === CONVERSATION ? first.promise : { leafId: null, attachments: [], comparisons: [], messages: [] },
    });
    await settle();
    void stores.thread.open(CONVERSATION);
    await stores.thread.open(OTHER_CONVERSATION);
    first.resolve({ leafId: null, attachments: [], comparisons: [], messages: [userMessage] });
    await settle();
    expect(stores.thread.state.conversationId).toBe(OTHER_CONVERSATION);
    expect(stores.thread.state.messages).toEqual([]);
  });

  it('leaves a conversation that was deleted elsewhere and says so', async () => {
    const { stores } = setup({
      'chat.branch': () => {
        throw new ApiError('conversation.missing', 'That conversation no longer exists.');
      },
    });
    await settle();
    await stores.thread.open(CONVERSATION);
    expect(stores.thread.state.conversationId).toBeNull();
    expect(stores.status.state.errors.map((e) => e.text)).toEqual(['That conversation no longer exists. Start a new chat.']);
  });

  it('takes the banner about a vanished conversation (after a restore) away once another one opens', async () => {
    let restored = false;
    const { api, stores } = setup({
      'chat.branch': (input) => {
        const gone = restored && (input as { conversationId: string }).conversationId === CONVERSATION;
        if (gone) throw new ApiError('conversation.missing', 'That conversation no longer exists.');
        return { leafId: null, attachments: [], comparisons: [], messages: [] };
      },
    });
    await settle();
    stores.status.pushError('The vault is locked.');
    await stores.thread.open(CONVERSATION);
    // A backup without it is restored: the open conversation reloads and is gone.
    restored = true;
    api.emit('conversation.changed', { conversationId: CONVERSATION });
    await settle();
    expect(stores.thread.state.conversationId).toBeNull();
    // Worded by the renderer from the code, not the core's English message.
    expect(stores.status.state.errors.map((e) => e.text)).toEqual(['The vault is locked.', 'That conversation no longer exists. Start a new chat.']);
    await stores.thread.open(OTHER_CONVERSATION);
    expect(stores.status.state.errors.map((e) => e.text)).toEqual(['The vault is locked.']);
  });

  it('reopens the conversation that was open last time', async () => {
    const storage = memoryStorage({ 'realmultillm.lastConversation': CONVERSATION });
    const { stores } = setup(
      {
        'conversation.list': () => [{ id: CONVERSATION, title: 'Hi', createdAt: 1, updatedAt: 1 }],
        'chat.branch': () => ({ leafId: null, attachments: [], comparisons: [], messages: [userMessage] }),
      },
      { storage, scheduleFrame: (run) => run() },
    );
    await settle();
    await settle();
    expect(stores.thread.state.conversationId).toBe(CONVERSATION);
    expect(stores.thread.state.messages.map((m) => m.id)).toEqual([USER]);

    stores.thread.newChat();
    expect(storage.stored.get('realmultillm.lastConversation')).toBe('');
  });

  it('says nothing when the conversation open last time has since been deleted', async () => {
    const storage = memoryStorage({ 'realmultillm.lastConversation': CONVERSATION });
    const { stores } = setup(
      {
        'chat.branch': () => {
          throw new ApiError('conversation.missing', 'That conversation no longer exists.');
        },
      },
      { storage, scheduleFrame: (run) => run() },
    );
    await settle();
    await settle();
    expect(stores.thread.state.conversationId).toBeNull();
    expect(stores.status.state.errors).toEqual([]);
  });

  it('jumps to a search hit: opens its conversation and marks the message', async () => {
    const { stores } = setup({
      'chat.branch': () => ({ leafId: null, attachments: [], comparisons: [], messages: [userMessage, message({ status: 'done', content: 'Hello' })] }),
    });
    await stores.thread.jumpToMessage(CONVERSATION, REPLY);
    expect(stores.thread.state.conversationId).toBe(CONVERSATION);
    expect(stores.thread.state.focusMessage?.id).toBe(REPLY);
  });

  it("keeps each message's files from the load", async () => {
    const file = { id: OTHER_CONVERSATION, messageId: USER, hash: 'a'.repeat(64), mime: 'text/plain', size: 3, fileName: 'notes.txt', createdAt: 1 };
    const { stores } = setup({ 'chat.branch': () => ({ leafId: USER, messages: [userMessage], attachments: [file], comparisons: [] }) });
    await stores.thread.open(CONVERSATION);
    expect(stores.thread.state.attachments).toEqual({ [USER]: [file] });
  });
});

describe('branches', () => {
  const OLDER = '01890000-0000-7000-8000-000000000003';
  const older = message({ id: OLDER, status: 'done', content: 'First try', createdAt: 1 });
  const newer = message({ status: 'done', content: 'Second try', createdAt: 2 });
  const visible = (state: ThreadState) =>
    visibleThread(state.messages, state.branchChoices).map((entry) => [entry.message.id, entry.branch && `${entry.branch.index}/${entry.branch.count}`]);

  it('shows the branch the core remembers, and a switch asks the core to remember the new one', async () => {
    let leafId = OLDER;
    const { api, stores } = setup({
      'chat.branch': () => ({ leafId, messages: [userMessage, older, newer], attachments: [], comparisons: [] }),
      'chat.showBranch': (input) => ({ leafId: (leafId = (input as { messageId: string }).messageId) }),
    });
    await stores.thread.open(CONVERSATION);
    expect(visible(stores.thread.state)).toEqual([
      [USER, null],
      [OLDER, '1/2'],
    ]);
    await stores.thread.showBranch(REPLY);
    expect(api.called('chat.showBranch')[0]?.input).toEqual({ conversationId: CONVERSATION, messageId: REPLY });
    expect(visible(stores.thread.state)).toEqual([
      [USER, null],
      [REPLY, '2/2'],
    ]);
  });

  it('regenerates and edits through the core, then shows what the core shows', async () => {
    const { api, stores } = setup({
      'chat.branch': () => ({ leafId: REPLY, messages: [userMessage, newer], attachments: [], comparisons: [] }),
      'chat.regenerate': () => ({ conversationId: CONVERSATION, assistantMessageId: REPLY }),
      'chat.edit': () => {
        throw new ApiError('attachment.no_vision', 'o3-mini does not take images.');
      },
    });
    await settle();
    await stores.thread.open(CONVERSATION);
    await stores.thread.regenerate(OLDER);
    expect(api.called('chat.regenerate')[0]?.input).toEqual({ conversationId: CONVERSATION, messageId: OLDER });
    expect(await stores.composer.edit(USER, 'Hi again')).toBe('o3-mini does not take images.');
    expect(api.called('chat.edit')[0]?.input).toEqual({
      conversationId: CONVERSATION,
      messageId: USER,
      text: 'Hi again',
      providerId: PROVIDER,
    });
    expect(stores.status.state.errors).toEqual([]);
  });

  it('regenerates with another provider and its model when one is chosen', async () => {
    const { api, stores } = setup({
      'chat.branch': () => ({ leafId: REPLY, messages: [userMessage, newer], attachments: [], comparisons: [] }),
      'chat.regenerate': () => ({ conversationId: CONVERSATION, assistantMessageId: REPLY }),
    });
    await settle();
    await stores.thread.open(CONVERSATION);
    await stores.thread.regenerate(OLDER, { id: PROVIDER, model: 'other-model' });
    expect(api.called('chat.regenerate')[0]?.input).toEqual({
      conversationId: CONVERSATION,
      messageId: OLDER,
      providerId: PROVIDER,
      model: 'other-model',
    });
  });

  it('knows the provider and model the conversation goes on with, and forgets them for a new chat', async () => {
    const { stores } = setup({
      'chat.branch': () => ({
        conversation: { ...conversationDetails(CONVERSATION, 'Plans'), settings: { providerId: PROVIDER, model: 'chosen-model' } },
        leafId: null,
        messages: [userMessage],
        attachments: [],
        comparisons: [],
      }),
    });
    await settle();
    await stores.thread.open(CONVERSATION);
    expect(stores.thread.state.remembered).toEqual({ providerId: PROVIDER, model: 'chosen-model' });
    stores.thread.newChat();
    expect(stores.thread.state.remembered).toBeNull();
  });
});
