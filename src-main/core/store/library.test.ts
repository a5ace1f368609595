import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { tagId } from './repositories/conversations';
import { useTempStores, userMessage } from './testing';

const stores = useTempStores();

describe('organising conversations', () => {
  it('files, tags, pins and archives a conversation, and the sidebar filters by each', async () => {
    const store = await stores.open();
    const folder = await store.saveFolder({ id: uuidv7(), name: 'Clients', parentId: null, position: 0, createdAt: 1, updatedAt: 1 });
    const a = await store.createConversation({ id: uuidv7(), title: 'a' });
    const b = await store.createConversation({ id: uuidv7(), title: 'b' });
    const c = await store.createConversation({ id: uuidv7(), title: 'c' });

    const updated = await store.updateConversation(a.id, { folderId: folder.id, tags: ['Urgent', 'acme'], pinned: true });
    expect(updated).toMatchObject({ folderId: folder.id, tags: ['acme', 'Urgent'], pinned: true, archived: false });
    await store.updateConversation(b.id, { tags: ['acme'] });
    await store.updateConversation(c.id, { archived: true });

    expect((await store.queryConversations({})).map((x) => x.title)).toEqual(['a', 'b']);
    expect((await store.queryConversations({ archived: true })).map((x) => x.title)).toEqual(['c']);
    expect((await store.queryConversations({ folderId: folder.id })).map((x) => x.title)).toEqual(['a']);
    expect((await store.queryConversations({ tag: 'ACME' })).map((x) => x.title)).toEqual(['a', 'b']);
    expect(await store.listTags()).toMatchObject([
      { name: 'acme', conversations: 2 },
      { name: 'Urgent', conversations: 1 },
    ]);

    await store.updateConversation(a.id, { tags: ['acme'] });
    expect((await store.queryConversations({ tag: 'urgent' })).map((x) => x.title)).toEqual([]);
  });

  it('lists pinned conversations first, then newest-updated', async () => {
    const store = await stores.open();
    const old = await store.createConversation({ id: uuidv7(), title: 'old but pinned' });
    await store.createConversation({ id: uuidv7(), title: 'newer' });
    await store.updateConversation(old.id, { pinned: true });
    expect((await store.queryConversations({})).map((x) => x.title)).toEqual(['old but pinned', 'newer']);
  });

  it('moves conversations out of a deleted folder', async () => {
    const store = await stores.open();
    const folder = await store.saveFolder({ id: uuidv7(), name: 'Temp', parentId: null, position: 0, createdAt: 1, updatedAt: 1 });
    const a = await store.createConversation({ id: uuidv7(), title: 'a' });
    await store.updateConversation(a.id, { folderId: folder.id });
    expect(await store.deleteFolder(folder.id)).toBe(true);
    expect(await store.listFolders()).toEqual([]);
    expect((await store.getConversation(a.id))!.conversation.folderId).toBeNull();
  });

  it('records only the fields that changed', async () => {
    const store = await stores.open();
    const a = await store.createConversation({ id: uuidv7(), title: 'a' });
    const before = (await store.listOutbox(1000)).length;
    await store.updateConversation(a.id, { title: 'renamed', pinned: false, settings: { temperature: 0.2 } });
    const changes = (await store.listOutbox(1000)).slice(before);
    expect(changes.map((c) => [c.table, c.fields])).toEqual([['conversations', { title: 'renamed', settings: '{"temperature":0.2}' }]]);
    await store.updateConversation(a.id, { title: 'renamed' });
    expect(await store.listOutbox(1000)).toHaveLength(before + 1);
  });

  it('makes the same tag id for the same name in the same space, whatever the case', async () => {
    const store = await stores.open();
    const a = await store.createConversation({ id: uuidv7(), title: 'a' });
    await store.updateConversation(a.id, { tags: ['Work'] });
    const tagChange = (await store.listOutbox(1000)).find((c) => c.table === 'tags')!;
    expect(tagChange.row).toBe(tagId(store.personalSpaceId, ' work '));
    expect(tagId(store.personalSpaceId, 'work')).not.toBe(tagId('another space', 'work'));
  });

  it('remembers the shown branch and walks it root to leaf', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'branches' });
    const q = await store.insertMessage(userMessage(id, null, 'question'));
    const first = await store.insertMessage(userMessage(id, q.id, 'first answer'));
    const second = await store.insertMessage(userMessage(id, q.id, 'second answer'));
    expect((await store.getBranch(id)).map((m) => m.content)).toEqual(['question', 'second answer']);
    await store.setShownLeaf(id, first.id);
    expect((await store.getConversation(id))!.conversation.shownLeafId).toBe(first.id);
    expect((await store.getBranch(id)).map((m) => m.content)).toEqual(['question', 'first answer']);
    expect((await store.getBranch(id, second.id)).map((m) => m.content)).toEqual(['question', 'second answer']);
    const elsewhere = await store.createConversation({ id: uuidv7(), title: 'other' });
    await expect(store.setShownLeaf(elsewhere.id, first.id)).rejects.toThrow(/is not in conversation/);
  });

  it('pages a long conversation newest page first', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'long' });
    let parent: string | null = null;
    for (let i = 0; i < 25; i++) parent = (await store.insertMessage(userMessage(id, parent, `m${i}`))).id;
    const newest = await store.listMessagePage(id, { limit: 10 });
    expect(newest.messages.map((m) => m.content)).toEqual(Array.from({ length: 10 }, (_, i) => `m${15 + i}`));
    expect(newest.more).toBe(true);
    const older = await store.listMessagePage(id, { beforeId: newest.messages[0]!.id, limit: 10 });
    expect(older.messages.map((m) => m.content)).toEqual(Array.from({ length: 10 }, (_, i) => `m${5 + i}`));
    const oldest = await store.listMessagePage(id, { beforeId: older.messages[0]!.id, limit: 10 });
    expect(oldest).toMatchObject({ more: false });
    expect(oldest.messages).toHaveLength(5);
  });
});
