import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { streamingReply, useTempStores, userMessage } from './testing';

const stores = useTempStores();

describe('conversations', () => {
  it('creates a conversation and gets it back with no messages', async () => {
    const store = await stores.open();
    const id = uuidv7();
    const created = await store.createConversation({ id, title: 'Planning' });
    expect(created).toMatchObject({ id, title: 'Planning' });
    expect(created.updatedAt).toBe(created.createdAt);
    expect(await store.getConversation(id)).toEqual({ conversation: created, messages: [] });
    expect(await store.getConversation(uuidv7())).toBeNull();
  });

  it('lists newest-updated first, and a new message moves its conversation to the top', async () => {
    const store = await stores.open();
    const first = await store.createConversation({ id: uuidv7(), title: 'first' });
    const second = await store.createConversation({ id: uuidv7(), title: 'second' });
    const third = await store.createConversation({ id: uuidv7(), title: 'third' });
    expect((await store.listConversations(10)).map((c) => c.title)).toEqual(['third', 'second', 'first']);

    await store.insertMessage(userMessage(first.id, null, 'hello again'));
    expect((await store.listConversations(10)).map((c) => c.title)).toEqual(['first', 'third', 'second']);
    expect((await store.listConversations(2)).map((c) => c.id)).toEqual([first.id, third.id]);
    expect(second.id).not.toBe(first.id);
  });

  it('moves a conversation to the top when a reply in it finishes', async () => {
    const store = await stores.open();
    const older = await store.createConversation({ id: uuidv7(), title: 'older' });
    const reply = await store.insertMessage(streamingReply(older.id, null));
    await store.createConversation({ id: uuidv7(), title: 'newer' });
    expect((await store.listConversations(1))[0]!.title).toBe('newer');

    await store.finishMessage(reply.id, { content: 'done', status: 'done', error: null, usage: { inputTokens: 1, outputTokens: 1 } });
    const [top] = await store.listConversations(1);
    expect(top!.title).toBe('older');
    expect(top!.updatedAt).toBeGreaterThanOrEqual(older.updatedAt);
  });

  it('tombstones a deleted conversation and its messages instead of removing the rows', async () => {
    const file = stores.file();
    const store = await stores.open(file);
    const kept = await store.createConversation({ id: uuidv7(), title: 'kept' });
    const gone = await store.createConversation({ id: uuidv7(), title: 'gone' });
    const question = await store.insertMessage(userMessage(gone.id, null, 'question'));
    await store.insertMessage(userMessage(gone.id, question.id, 'follow-up'));

    expect(await store.deleteConversation(gone.id)).toBe(true);
    expect(await store.deleteConversation(gone.id)).toBe(false);
    expect(await store.deleteConversation(uuidv7())).toBe(false);
    expect(await store.getConversation(gone.id)).toBeNull();
    expect((await store.listConversations(10)).map((c) => c.id)).toEqual([kept.id]);
    await store.close();

    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT deleted FROM conversations WHERE id = ?').get(gone.id)).toEqual({ deleted: 1 });
      expect(db.prepare('SELECT deleted FROM messages WHERE conversation_id = ?').all(gone.id)).toEqual([
        { deleted: 1 },
        { deleted: 1 },
      ]);
    } finally {
      db.close();
    }
  });

  it('restores a deleted conversation with the messages its deletion took, recording the revival for sync', async () => {
    const store = await stores.open();
    const folder = await store.saveFolder({ id: uuidv7(), name: 'Gone soon', parentId: null, position: 0, createdAt: 1, updatedAt: 1 });
    await store.createConversation({ id: uuidv7(), title: 'older' });
    const { id } = await store.createConversation({ id: uuidv7(), title: 'undo me' });
    const question = await store.insertMessage(userMessage(id, null, 'question about lighthouses'));
    await store.insertMessage(userMessage(id, question.id, 'follow-up'));
    await store.updateConversation(id, { folderId: folder.id, tags: ['kept'], pinned: true });
    const before = await store.getConversation(id);

    await store.deleteConversation(id);
    await store.deleteFolder(folder.id);
    const outboxBefore = (await store.listOutbox(1000)).length;
    const restored = await store.restoreConversation(id);
    expect(restored).toEqual({ ...before!.conversation, folderId: null });
    expect((await store.getConversation(id))!.messages.map((m) => m.content)).toEqual(['question about lighthouses', 'follow-up']);
    expect((await store.queryConversations({})).map((c) => c.title)).toEqual(['undo me', 'older']);
    expect((await store.search({ text: 'lighthouses' })).hits.map((h) => h.conversationId)).toEqual([id]);
    expect(await store.listTags()).toMatchObject([{ name: 'kept', conversations: 1 }]);

    const revivals = (await store.listOutbox(1000)).slice(outboxBefore);
    expect(revivals.map((c) => [c.table, c.deleted, c.fields])).toEqual([
      ['conversations', false, { folder_id: null }],
      ['messages', false, {}],
      ['messages', false, {}],
    ]);
    expect(await store.restoreConversation(id)).toEqual(restored);
    expect((await store.listOutbox(1000)).length).toBe(outboxBefore + 3);
    expect(await store.restoreConversation(uuidv7())).toBeNull();
  });

  it('refuses a second conversation with the same id, saying why', async () => {
    const store = await stores.open();
    const id = uuidv7();
    await store.createConversation({ id, title: 'one' });
    await expect(store.createConversation({ id, title: 'two' })).rejects.toThrow(`A conversation with id ${id} already exists.`);
    await expect(store.createConversation({ id: 'not-a-uuid', title: 'x' })).rejects.toThrow(/id: must be a UUID/);
  });
});
