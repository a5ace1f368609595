// The chat tree's API as the renderer calls it, through the dispatcher (every input
// and output passes its schema): the shown branch with its forks, switching it,
// an attachment's bytes, and the sentences for what no longer exists.
import { describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { uuidv7 } from '../../../../src-shared/ids';
import { userMessage } from '../../store/testing';
import { useHandlers } from './test-support';

const harness = useHandlers();
const { call, dispatch } = harness;

describe('chat tree API', () => {
  it('gives the shown branch with the siblings at its forks and their files, and switches it', async () => {
    const { id } = await harness.store.createConversation({ id: uuidv7(), title: 'forks' });
    const question = await harness.store.insertMessage(userMessage(id, null, 'question'));
    const first = await harness.store.insertMessage(userMessage(id, question.id, 'first answer'));
    const second = await harness.store.insertMessage(userMessage(id, question.id, 'second answer'));
    const file = await harness.store.putAttachment({ id: uuidv7(), messageId: question.id, mime: 'text/plain', fileName: 'a.txt', source: { data: new TextEncoder().encode('hello') } });

    const view = await call<MethodOutput<'chat.branch'>>('chat.branch', { conversationId: id });
    expect(view).toMatchObject({ leafId: second.id, attachments: [{ id: file.id, fileName: 'a.txt' }], comparisons: [] });
    expect(view.messages.map((m) => m.content)).toEqual(['question', 'first answer', 'second answer']);

    expect(await call('chat.showBranch', { conversationId: id, messageId: first.id })).toEqual({ leafId: first.id });
    expect((await call<MethodOutput<'chat.branch'>>('chat.branch', { conversationId: id })).leafId).toBe(first.id);
    expect(await call('chat.attachment', { id: file.id })).toMatchObject({ attachment: { id: file.id }, dataBase64: Buffer.from('hello').toString('base64') });
  });

  it('says in words when the conversation or the message is gone', async () => {
    await expect(call('chat.branch', { conversationId: uuidv7() })).rejects.toMatchObject({ code: 'conversation.missing' });
    const { id } = await harness.store.createConversation({ id: uuidv7(), title: 'empty' });
    expect(await call('chat.branch', { conversationId: id })).toEqual({
      conversation: expect.objectContaining({ id, title: 'empty', archived: false }),
      leafId: null,
      messages: [],
      attachments: [],
      comparisons: [],
    });
    await expect(call('chat.showBranch', { conversationId: id, messageId: uuidv7() })).rejects.toMatchObject({
      code: 'message.missing',
      message: 'That message was deleted. Reload the conversation.',
    });
  });

  it('refuses files over the limit before a handler sees them', async () => {
    const big = 'A'.repeat(6 * 1024 * 1024);
    const reply = await dispatch('chat.send', { text: 'hi', attachments: [{ fileName: 'big.txt', mime: 'text/plain', dataBase64: big }] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'api.invalid_input' } });
    const part = { fileName: 'part.txt', mime: 'text/plain', dataBase64: 'A'.repeat(2_400_000) };
    const together = await dispatch('chat.send', { text: 'hi', attachments: [part, part, part] });
    expect(together).toMatchObject({ ok: false, error: { message: expect.stringMatching(/must add up to at most 5 MB/) } });
  });
});
