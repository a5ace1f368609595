// The sidebar's API as the renderer calls it: through the dispatcher, so every
// input and output passes its schema. A real store in a temp folder.
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { userMessage } from '../../store/testing';
import { useHandlers } from './test-support';

const harness = useHandlers();
const { call } = harness;

interface Listed {
  id: string;
  title: string;
  folderId: string | null;
  tags: string[];
  pinned: boolean;
  archived: boolean;
}

const titles = async (input: unknown = {}) => (await call<Listed[]>('conversation.list', input)).map((c) => c.title);


describe('conversation API', () => {
  it('renames, pins and archives; the list puts pinned first and shows archived ones only when asked', async () => {
    const first = await harness.store.createConversation({ id: uuidv7(), title: 'first' });
    const second = await harness.store.createConversation({ id: uuidv7(), title: 'second' });
    await harness.store.createConversation({ id: uuidv7(), title: 'third' });
    expect(await titles()).toEqual(['third', 'second', 'first']);

    const renamed = await call<Listed>('conversation.update', { id: first.id, title: '  Trip plans  ', pinned: true });
    expect(renamed).toMatchObject({ title: 'Trip plans', pinned: true, archived: false, folderId: null, tags: [] });
    expect(await titles()).toEqual(['Trip plans', 'third', 'second']);

    await call('conversation.update', { id: second.id, archived: true });
    expect(await titles()).toEqual(['Trip plans', 'third']);
    expect(await titles({ archived: true })).toEqual(['second']);
    await call('conversation.update', { id: second.id, archived: false });
    const back = await titles();
    expect(back[0]).toBe('Trip plans');
    expect(back.slice(1).sort()).toEqual(['second', 'third']);
    await call('conversation.update', { id: first.id, pinned: false });
    expect((await call<Listed[]>('conversation.list', {})).map((c) => c.pinned)).toEqual([false, false, false]);
  });

  it('files conversations in folders and tags them, and the list filters by each', async () => {
    const a = await harness.store.createConversation({ id: uuidv7(), title: 'a' });
    const b = await harness.store.createConversation({ id: uuidv7(), title: 'b' });
    const clients = await call<{ id: string; name: string }>('folder.create', { name: ' Clients ' });
    const later = await call<{ id: string; position: number }>('folder.create', { name: 'Later' });
    expect(clients.name).toBe('Clients');
    expect((await call<{ name: string }[]>('folder.list', {})).map((f) => f.name)).toEqual(['Clients', 'Later']);

    await call('conversation.update', { id: a.id, folderId: clients.id, tags: ['acme', 'Urgent'] });
    await call('conversation.update', { id: b.id, tags: ['acme'] });
    expect(await titles({ folderId: clients.id })).toEqual(['a']);
    expect(await titles({ folderId: null })).toEqual(['b']);
    expect(await titles({ tag: 'urgent' })).toEqual(['a']);
    expect(await titles({ folderId: clients.id, tag: 'acme' })).toEqual(['a']);
    expect(await call('tag.list', {})).toMatchObject([
      { name: 'acme', conversations: 2 },
      { name: 'Urgent', conversations: 1 },
    ]);

    await call('conversation.update', { id: a.id, tags: [] });
    expect(await call('tag.list', {})).toMatchObject([{ name: 'acme', conversations: 1 }]);
    await call('conversation.update', { id: a.id, folderId: later.id });
    expect(await titles({ folderId: later.id })).toEqual(['a']);
    await call('conversation.update', { id: a.id, folderId: null });
    expect(await titles({ folderId: later.id })).toEqual([]);
  });

  it('renames and deletes folders; conversations of a deleted folder stay, in no folder', async () => {
    const folder = await call<{ id: string }>('folder.create', { name: 'Work' });
    await call('folder.create', { name: 'Home' });
    const a = await harness.store.createConversation({ id: uuidv7(), title: 'a' });
    await call('conversation.update', { id: a.id, folderId: folder.id });

    expect(await call('folder.rename', { id: folder.id, name: 'Office' })).toMatchObject({ id: folder.id, name: 'Office' });
    await expect(call('folder.rename', { id: folder.id, name: 'home' })).rejects.toMatchObject({
      code: 'folder.exists',
      message: 'There is already a folder named “Home”. Choose another name.',
    });
    await expect(call('folder.create', { name: 'OFFICE' })).rejects.toMatchObject({ code: 'folder.exists' });
    expect(await call('folder.rename', { id: folder.id, name: 'office' })).toMatchObject({ name: 'office' });

    expect(await call('folder.delete', { id: folder.id })).toEqual({ deleted: true });
    expect(await call('folder.delete', { id: folder.id })).toEqual({ deleted: false });
    expect((await call<{ name: string }[]>('folder.list', {})).map((f) => f.name)).toEqual(['Home']);
    expect(await titles({ folderId: null })).toEqual(['a']);
    await expect(call('conversation.update', { id: a.id, folderId: folder.id })).rejects.toMatchObject({
      code: 'folder.missing',
      message: 'That folder no longer exists. Choose another one.',
    });
    await expect(call('folder.rename', { id: folder.id, name: 'Back' })).rejects.toMatchObject({ code: 'folder.missing' });
  });

  it('undoes a delete: the conversation returns with its messages, in its folder and with its tags', async () => {
    const folder = await call<{ id: string }>('folder.create', { name: 'Keep' });
    const { id } = await harness.store.createConversation({ id: uuidv7(), title: 'precious' });
    const question = await harness.store.insertMessage(userMessage(id, null, 'question'));
    await harness.store.insertMessage(userMessage(id, question.id, 'answer'));
    await call('conversation.update', { id, folderId: folder.id, tags: ['keep'] });

    expect(await call('conversation.delete', { id })).toEqual({ deleted: true });
    expect(await titles()).toEqual([]);
    await expect(call('conversation.get', { id })).rejects.toMatchObject({ code: 'conversation.missing' });

    expect(await call('conversation.restore', { id })).toMatchObject({ id, title: 'precious', folderId: folder.id, tags: ['keep'] });
    expect(await titles({ folderId: folder.id, tag: 'keep' })).toEqual(['precious']);
    const { messages } = await call<{ messages: { content: string }[] }>('conversation.get', { id });
    expect(messages.map((m) => m.content)).toEqual(['question', 'answer']);
    await expect(call('conversation.restore', { id: uuidv7() })).rejects.toMatchObject({
      code: 'conversation.missing',
      message: 'That conversation no longer exists.',
    });
  });

  it('refuses changes it cannot make, saying what is wrong', async () => {
    const { id } = await harness.store.createConversation({ id: uuidv7(), title: 'a' });
    await expect(call('conversation.update', { id })).rejects.toMatchObject({
      code: 'api.invalid_input',
      message: 'That request was not valid: input needs something to change: title, pinned, archived, folderId or tags.',
    });
    await expect(call('conversation.update', { id, title: '   ' })).rejects.toThrow('title needs at least one character');
    await expect(call('conversation.update', { id, colour: 'red' })).rejects.toThrow(/Unrecognized key/i);
    await expect(call('conversation.update', { id, tags: ['x'.repeat(61)] })).rejects.toThrow('tags.0 must be at most 60 characters');
    await expect(call('folder.create', { name: '' })).rejects.toThrow('name needs a name');
    await expect(call('conversation.update', { id: uuidv7(), pinned: true })).rejects.toMatchObject({
      code: 'conversation.missing',
      message: 'That conversation no longer exists.',
    });
    await call('conversation.delete', { id });
    await expect(call('conversation.update', { id, pinned: true })).rejects.toMatchObject({ code: 'conversation.missing' });
  });
});
