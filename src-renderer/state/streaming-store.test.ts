import { describe, expect, it } from 'vitest';
import { activeReplyId } from './thread-store';
import { CONVERSATION, endOf, message, OTHER_CONVERSATION, PROVIDER, REPLY, sent, settle, setup, userMessage } from './test-support';

describe('StreamingStore', () => {
  it('shows a reply whose deltas arrive before chat.send answers, then its final state', async () => {
    const { api, stores, runFrames } = setup({
      'chat.send': () => {
        api.emit('conversation.changed', { conversationId: CONVERSATION });
        api.emit('stream.delta', { conversationId: CONVERSATION, messageId: REPLY, text: 'Hel' });
        api.emit('stream.delta', { conversationId: CONVERSATION, messageId: REPLY, text: 'lo' });
        return sent;
      },
      'chat.branch': () => ({ leafId: null, attachments: [], comparisons: [], messages: [userMessage, message({})] }),
    });
    await settle();
    expect(stores.providers.state.selectedId).toBe(PROVIDER);

    await expect(stores.composer.send('Hi')).resolves.toBe(true);
    await settle();
    runFrames();
    expect(stores.thread.state.conversationId).toBe(CONVERSATION);
    expect(stores.thread.state.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(stores.streaming.state.text[REPLY]).toBe('Hello');
    expect(activeReplyId(stores.thread.state)).toBe(REPLY);

    const final = message({ content: 'Hello!', status: 'done', usage: { inputTokens: 2, outputTokens: 3 } });
    api.emit('stream.delta', { conversationId: CONVERSATION, messageId: REPLY, text: '!' });
    api.emit('stream.end', endOf(final));
    expect(stores.thread.state.messages[1]).toEqual(final);
    expect(stores.streaming.state.text).toEqual({});
    expect(stores.status.state.announcement?.text).toBe('Reply finished.');
    expect(activeReplyId(stores.thread.state)).toBeNull();
  });

  it('applies many deltas in one state update per frame', async () => {
    const { api, stores, runFrames } = setup({ 'chat.send': () => sent, 'chat.branch': () => new Promise(() => {}) });
    await settle();
    await stores.composer.send('Hi');
    let updates = 0;
    stores.streaming.store.subscribe(() => updates++);
    for (const text of ['a', 'b', 'c', 'd']) api.emit('stream.delta', { conversationId: CONVERSATION, messageId: REPLY, text });
    expect(updates).toBe(0);
    runFrames();
    expect(updates).toBe(1);
    expect(stores.streaming.state.text[REPLY]).toBe('abcd');
  });

  it('leaves no stream text behind for a reply that ends off screen', async () => {
    const { api, stores, runFrames } = setup({});
    await settle();
    api.emit('stream.delta', { conversationId: OTHER_CONVERSATION, messageId: REPLY, text: 'unseen' });
    api.emit('stream.end', endOf(message({ conversationId: OTHER_CONVERSATION, content: 'unseen', status: 'done' })));
    runFrames();
    expect(stores.streaming.state.text).toEqual({});
  });

  it('shows a retry until the reply ends, and keeps reasoning apart from the answer', async () => {
    const { api, stores, runFrames } = setup({});
    await settle();
    const error = { code: 'provider.rate_limited', message: 'Rate limited.', params: {} };
    api.emit('stream.retry', { conversationId: CONVERSATION, messageId: REPLY, attempt: 2, delayMs: 7000, error });
    expect(stores.streaming.state.retries[REPLY]?.attempt).toBe(2);
    api.emit('stream.reasoning', { conversationId: CONVERSATION, messageId: REPLY, text: 'Thinking ' });
    api.emit('stream.reasoning', { conversationId: CONVERSATION, messageId: REPLY, text: 'hard.' });
    runFrames();
    expect(stores.streaming.state.reasoning[REPLY]).toBe('Thinking hard.');
    api.emit('stream.end', endOf(message({ status: 'done', content: 'Answer' })));
    expect(stores.streaming.state.retries[REPLY]).toBeUndefined();
    expect(stores.streaming.state.reasoning[REPLY]).toBe('Thinking hard.');
  });

  it('keeps the longer stored text when a load finds the reply further on than the deltas seen', async () => {
    let stored = 'Hel';
    const { api, stores, runFrames } = setup({
      'chat.branch': () => ({ leafId: null, attachments: [], comparisons: [], messages: [userMessage, message({ content: stored })] }),
    });
    await stores.thread.open(CONVERSATION);
    api.emit('stream.delta', { conversationId: CONVERSATION, messageId: REPLY, text: 'lo' });
    runFrames();
    expect(stores.streaming.state.text[REPLY]).toBe('Hello');
    // Deltas were missed (a reconnect): the store knows more than this window saw.
    stored = 'Hello, world';
    await stores.thread.reload(CONVERSATION);
    expect(stores.streaming.state.text[REPLY]).toBe('Hello, world');
  });
});
