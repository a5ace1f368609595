import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { parseHlc } from '../../../src-shared/sync/hlc';
import { streamingReply, useTempStores, userMessage } from './testing';

const stores = useTempStores();

describe('outbox', () => {
  it('records every synced write, stamped in order with this device clock and its personal space', async () => {
    const store = await stores.open();
    const conversation = await store.createConversation({ id: uuidv7(), title: 'synced' });
    const question = await store.insertMessage(userMessage(conversation.id, null, 'question'));

    const changes = await store.listOutbox(100);
    expect(changes.map((c) => [c.table, c.row])).toEqual([
      ['conversations', conversation.id],
      ['messages', question.id],
      ['conversations', conversation.id],
    ]);
    expect(changes[0]!.fields).toEqual({ title: 'synced', created_at: conversation.createdAt, updated_at: conversation.createdAt });
    expect(changes[1]!.fields).toMatchObject({ content: 'question', role: 'user', parent_id: null, status: 'done' });
    for (const change of changes) {
      expect(change.space).toBe(store.personalSpaceId);
      expect(parseHlc(change.hlc).node).toBe(store.nodeId);
      expect(change.deleted).toBe(false);
    }
    const clocks = changes.map((c) => c.hlc);
    expect([...clocks].sort()).toEqual(clocks);
    expect(new Set(clocks).size).toBe(clocks.length);
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
  });

  it('does not record streaming flushes, and records the final text once when the reply finishes', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'stream' });
    const reply = await store.insertMessage(streamingReply(id, null));
    const beforeFlushes = (await store.listOutbox(100)).length;

    await store.appendStreamingText(reply.id, 'partial one');
    await store.appendStreamingText(reply.id, ' two');
    expect(await store.listOutbox(100)).toHaveLength(beforeFlushes);

    await store.finishMessage(reply.id, { content: 'the final text', status: 'done', error: null, usage: { inputTokens: 5, outputTokens: 3 } });
    const replyChanges = (await store.listOutbox(100)).filter((c) => c.row === reply.id);
    const withText = replyChanges.filter((c) => 'content' in c.fields);
    expect(withText).toHaveLength(1);
    expect(withText[0]!.fields).toMatchObject({ content: 'the final text', status: 'done', input_tokens: 5, output_tokens: 3 });
    expect(JSON.stringify(await store.listOutbox(100))).not.toContain('partial one');
  });

  it('records tombstones for a deleted conversation and each of its messages', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'to delete' });
    const message = await store.insertMessage(userMessage(id, null, 'bye'));
    await store.deleteConversation(id);
    const tombstones = (await store.listOutbox(100)).filter((c) => c.deleted);
    expect(tombstones.map((c) => [c.table, c.row])).toEqual(
      expect.arrayContaining([
        ['conversations', id],
        ['messages', message.id],
      ]),
    );
    expect(tombstones).toHaveLength(2);
  });

  it('records nothing when a write is refused', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'strict' });
    const before = await store.listOutbox(100);
    await expect(store.insertMessage(userMessage(id, uuidv7(), 'orphan'))).rejects.toThrow();
    expect(await store.listOutbox(100)).toEqual(before);
  });

  it('returns the oldest changes first, at most the limit', async () => {
    const store = await stores.open();
    const first = await store.createConversation({ id: uuidv7(), title: 'a' });
    await store.createConversation({ id: uuidv7(), title: 'b' });
    const oldest = await store.listOutbox(1);
    expect(oldest.map((c) => c.row)).toEqual([first.id]);
  });
});
