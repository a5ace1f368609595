import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/api/errors';
import { uuidv7 } from '../../../src-shared/ids';
import { streamingReply, useTempStores, userMessage } from './testing';

const stores = useTempStores();

describe('messages', () => {
  it('keeps messages as a tree by parent, returned in creation order', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'tree' });
    const root = await store.insertMessage(userMessage(id, null, 'root'));
    const answer = await store.insertMessage(userMessage(id, root.id, 'answer'));
    const regenerated = await store.insertMessage(userMessage(id, root.id, 'another answer'));
    const followUp = await store.insertMessage(userMessage(id, regenerated.id, 'follow-up'));

    const found = await store.getConversation(id);
    expect(found!.messages.map((m) => [m.content, m.parentId])).toEqual([
      ['root', null],
      ['answer', root.id],
      ['another answer', root.id],
      ['follow-up', regenerated.id],
    ]);
    expect(found!.messages.map((m) => m.id)).toEqual([root.id, answer.id, regenerated.id, followUp.id]);
  });

  it('refuses a parent from another conversation or one that does not exist', async () => {
    const store = await stores.open();
    const a = await store.createConversation({ id: uuidv7(), title: 'a' });
    const b = await store.createConversation({ id: uuidv7(), title: 'b' });
    const inA = await store.insertMessage(userMessage(a.id, null, 'in a'));
    await expect(store.insertMessage(userMessage(b.id, inA.id, 'x'))).rejects.toThrow(/belongs to another conversation/);
    const missing = uuidv7();
    await expect(store.insertMessage(userMessage(b.id, missing, 'x'))).rejects.toThrow(`Parent message ${missing} does not exist`);
    await expect(store.insertMessage(userMessage(uuidv7(), null, 'x'))).rejects.toBeInstanceOf(AppError);
    expect((await store.getConversation(b.id))!.messages).toEqual([]);
  });

  it('shows the appended text while streaming, then the final text, usage and status once finished', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'stream' });
    const reply = await store.insertMessage(streamingReply(id, null));
    expect(reply).toMatchObject({ status: 'streaming', content: '', error: null, usage: { inputTokens: null, outputTokens: null } });

    await store.appendStreamingText(reply.id, 'Hel');
    await store.appendStreamingText(reply.id, 'lo, wor');
    expect((await store.getConversation(id))!.messages[0]).toMatchObject({ status: 'streaming', content: 'Hello, wor' });

    const finished = await store.finishMessage(reply.id, {
      content: 'Hello, world.',
      status: 'done',
      error: null,
      usage: { inputTokens: 12, outputTokens: 4 },
    });
    expect(finished).toMatchObject({ status: 'done', content: 'Hello, world.', usage: { inputTokens: 12, outputTokens: 4 } });
    expect((await store.getConversation(id))!.messages[0]).toEqual(finished);
  });

  // Bytes this process handed to write(2) so far (the store's threads included): Linux only.
  const writtenBytes = () => Number(/^wchar: (\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'))![1]);

  it.runIf(fs.existsSync('/proc/self/io'))('writes about the size of the new text per flush, however long the reply already is', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'long' });
    const reply = await store.insertMessage(streamingReply(id, null));
    const long = 'x'.repeat(4 * 1024 * 1024);
    await store.appendStreamingText(reply.id, long);
    const before = writtenBytes();
    for (let i = 0; i < 20; i += 1) await store.appendStreamingText(reply.id, `chunk ${i} `.padEnd(1024, '.'));
    const perFlush = (writtenBytes() - before) / 20;
    // A few pages of the write-ahead log per flush: rewriting the 4 MB text would be a thousand times more.
    expect(perFlush).toBeLessThan(256 * 1024);
    const [streaming] = (await store.getConversation(id))!.messages;
    expect(streaming!.content.length).toBe(long.length + 20 * 1024);
    expect(streaming!.content.endsWith(`chunk 19 `.padEnd(1024, '.'))).toBe(true);
  });

  it('stores a failed reply with its error and the text received before it failed', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'fails' });
    const reply = await store.insertMessage(streamingReply(id, null));
    await store.appendStreamingText(reply.id, 'partial');
    const error = { code: 'provider.rate-limited', message: 'The provider is busy. Try again in a minute.' };
    await store.finishMessage(reply.id, { content: 'partial', status: 'error', error, usage: { inputTokens: 30, outputTokens: null } });

    const [stored] = (await store.getConversation(id))!.messages;
    expect(stored).toMatchObject({ status: 'error', content: 'partial', error, usage: { inputTokens: 30, outputTokens: null } });
  });

  it('refuses to add to or finish a reply that has already finished', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'late' });
    const reply = await store.insertMessage(streamingReply(id, null));
    const outcome = { content: 'final', status: 'done', error: null, usage: { inputTokens: null, outputTokens: null } } as const;
    await store.finishMessage(reply.id, outcome);
    await expect(store.appendStreamingText(reply.id, 'late text')).rejects.toThrow(/is no longer streaming \(it is done\)/);
    await expect(store.appendStreamingReasoning(reply.id, 'late thought')).rejects.toThrow(/is no longer streaming \(it is done\)/);
    await expect(store.finishMessage(reply.id, outcome)).rejects.toThrow(/is no longer streaming/);
    expect((await store.getConversation(id))!.messages[0]!.content).toBe('final');
  });

  it("keeps a reply's cost and reasoning after the store is reopened", async () => {
    const file = stores.file();
    const store = await stores.open(file);
    const { id } = await store.createConversation({ id: uuidv7(), title: 'priced' });
    const reply = await store.insertMessage(streamingReply(id, null));
    const usage = { inputTokens: 1200, outputTokens: 300 };
    await store.finishMessage(reply.id, { content: 'Answer.', status: 'done', error: null, usage, costUsd: 0.0042, reasoning: 'First I thought.' });
    await store.close();

    const reopened = await stores.open(file);
    const [stored] = (await reopened.getConversation(id))!.messages;
    expect(stored).toMatchObject({ usage, costUsd: 0.0042, reasoning: 'First I thought.' });
    const [change] = (await reopened.listOutbox(100)).filter((c) => c.row === reply.id && 'status' in c.fields && c.fields.status === 'done');
    expect(change!.fields).toMatchObject({ cost_usd: 0.0042, reasoning: 'First I thought.' });
  });

  it('shows the branch with the siblings at each fork, and moves it to the newest message under a chosen one', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'forks' });
    const q1 = await store.insertMessage(userMessage(id, null, 'q1'));
    const a1 = await store.insertMessage(userMessage(id, q1.id, 'a1'));
    const q2 = await store.insertMessage(userMessage(id, a1.id, 'q2'));
    const a1b = await store.insertMessage(userMessage(id, q1.id, 'a1b'));
    const q2b = await store.insertMessage(userMessage(id, a1b.id, 'q2b'));
    const q1b = await store.insertMessage(userMessage(id, null, 'q1b'));

    // Nothing chosen yet: the newest message's branch.
    expect(await store.getBranchView(id)).toEqual({ conversation: expect.objectContaining({ id }), leafId: q1b.id, messages: [q1, q1b] });
    expect(await store.showBranchThrough(id, q1.id)).toBe(q2b.id);
    const view = await store.getBranchView(id);
    expect(view.leafId).toBe(q2b.id);
    expect(view.messages.map((m) => m.content)).toEqual(['q1', 'a1', 'a1b', 'q2b', 'q1b']);
    expect(await store.showBranchThrough(id, a1.id)).toBe(q2.id);
    expect((await store.getBranchView(id)).messages.map((m) => m.content)).toEqual(['q1', 'a1', 'q2', 'a1b', 'q1b']);
    expect((await store.getBranch(id)).map((m) => m.content)).toEqual(['q1', 'a1', 'q2']);

    const other = await store.createConversation({ id: uuidv7(), title: 'other' });
    await expect(store.showBranchThrough(other.id, a1.id)).rejects.toThrow(/does not exist/);
  });

  it('lists the attachments of several messages at once', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'files' });
    const first = await store.insertMessage(userMessage(id, null, 'one'));
    const second = await store.insertMessage(userMessage(id, first.id, 'two'));
    const third = await store.insertMessage(userMessage(id, second.id, 'three'));
    const put = (messageId: string, name: string) =>
      store.putAttachment({ id: uuidv7(), messageId, mime: 'text/plain', fileName: name, source: { data: new TextEncoder().encode(name) } });
    await put(first.id, 'a.txt');
    await put(third.id, 'c.txt');
    await put(third.id, 'd.txt');
    expect((await store.listAttachmentsOf([first.id, third.id])).map((a) => a.fileName)).toEqual(['a.txt', 'c.txt', 'd.txt']);
    expect(await store.listAttachmentsOf([second.id])).toEqual([]);
    expect(await store.listAttachmentsOf([])).toEqual([]);
  });

  it('finishes every write posted before close', async () => {
    const file = stores.file();
    const store = await stores.open(file);
    const { id } = await store.createConversation({ id: uuidv7(), title: 'busy' });
    const writes = Array.from({ length: 50 }, (_, i) => store.insertMessage(userMessage(id, null, `message ${i}`)));
    await store.close();
    await Promise.all(writes);
    await expect(store.listConversations(1)).rejects.toThrow(/is closed/);

    const reopened = await stores.open(file);
    expect((await reopened.getConversation(id))!.messages).toHaveLength(50);
  });
});
