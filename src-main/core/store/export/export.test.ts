import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { derivedTimeId, exportFixture as fixture, useTempStores, userMessage } from '../testing';

const stores = useTempStores();
const job = () => ({ jobId: uuidv7() });

describe('exporting', () => {
  it('exports everything as JSON that imports into another store unchanged', async () => {
    const source = await stores.open();
    await source.importFile({ path: fixture('chatgpt-conversations.json') }, job());
    const own = await source.createConversation({ id: uuidv7(), title: 'own' });
    await source.insertMessage(userMessage(own.id, null, 'typed here'));
    await source.updateConversation(own.id, { pinned: true, tags: ['keep'] });
    const path = join(dirname(source.file), 'export.json');
    const summary = await source.exportFile({ path, format: 'json' }, job());
    expect(summary).toMatchObject({ conversations: 3, messages: 8 });

    const target = await stores.open();
    expect(await target.importFile({ path }, job())).toMatchObject({ format: 'realmultillm', imported: 3, messages: 8 });
    for (const { id } of await source.listConversations(10)) {
      const before = (await source.getConversation(id))!;
      const after = (await target.getConversation(id))!;
      expect(after.messages.map((m) => [m.id, m.parentId, m.content, m.model])).toEqual(before.messages.map((m) => [m.id, m.parentId, m.content, m.model]));
      expect(after.conversation).toMatchObject({ title: before.conversation.title, pinned: before.conversation.pinned, tags: before.conversation.tags });
    }
    expect(await source.importFile({ path }, job())).toMatchObject({ imported: 0, skipped: 3 });
  });

  it('exports one conversation as Markdown showing its shown branch', async () => {
    const store = await stores.open();
    await store.importFile({ path: fixture('chatgpt-conversations.json') }, job());
    const id = derivedTimeId(1712000000123, 'chatgpt', '67f1c2d3-0000-4000-8000-00000000c0de');
    const path = join(dirname(store.file), 'rust.md');
    await store.exportFile({ path, format: 'markdown', conversationId: id }, job());
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^# Rust borrow checker\n/);
    expect(text).toContain('### Assistant (gpt-4o)');
    expect(text).toContain('Because you hold a mutable borrow');
    expect(text).not.toContain('A regenerated answer');
    expect(text).toContain('1 other reply is in the JSON export only');
  });

  it('calls an edited question a message of yours, not a reply, in the Markdown note', async () => {
    const store = await stores.open();
    const conversation = await store.createConversation({ id: uuidv7(), title: 'Edited' });
    const first = await store.insertMessage(userMessage(conversation.id, null, 'first wording'));
    await store.insertMessage({ ...userMessage(conversation.id, first.id, 'first answer'), role: 'assistant' });
    const edited = await store.insertMessage(userMessage(conversation.id, null, 'second wording'));
    await store.setShownLeaf(conversation.id, edited.id);
    const path = join(dirname(store.file), 'edited.md');
    await store.exportFile({ path, format: 'markdown', conversationId: conversation.id }, job());
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('second wording');
    expect(text).toContain('1 other reply and 1 other message of yours are in the JSON export only');
  });

  it('writes nothing when the folder does not exist, and says so', async () => {
    const store = await stores.open();
    await expect(store.exportFile({ path: '/nonexistent/folder/out.json', format: 'json' }, job())).rejects.toThrow(
      /does not exist. Choose an existing folder/,
    );
  });
});
