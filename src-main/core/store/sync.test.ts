// The store's side of sync: pulled changes merge per column with the clocks each
// column keeps, a page and its cursor commit together, and spaces re-home, move
// and go. Changes travel here from one real store's outbox to another's apply,
// the way the server relays them (the end-to-end tests go through a real server).
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import type { LocalStore, RemoteChange } from './interfaces';
import { streamingReply, useTempStores, userMessage } from './testing';

const stores = useTempStores();
const SPACE = '0193a1b2-0000-7000-8000-0000000000aa';

/** Everything in `from`'s outbox, as the server would hand it on, and the outbox emptied as a push would. */
async function relay(from: LocalStore): Promise<RemoteChange[]> {
  const changes = await from.listOutbox(10_000);
  await from.acknowledgeOutbox(changes.map((c) => c.id));
  return changes.map(({ id, table, row, fields, hlc, deleted }) => ({ id, table, row, fields, hlc, deleted }));
}

async function pair(): Promise<[LocalStore, LocalStore]> {
  const a = await stores.open();
  const b = await stores.open();
  await a.rehomeSpace(await a.personalSpace(), SPACE);
  await b.rehomeSpace(await b.personalSpace(), SPACE);
  return [a, b];
}

describe('sync in the store', () => {
  it('applies another device’s conversation and messages, searchable, and moves the cursor with them', async () => {
    const [a, b] = await pair();
    const conversation = await a.createConversation({ id: uuidv7(), title: 'Lisbon trip' });
    await a.insertMessage(userMessage(conversation.id, null, 'Where should we eat pastéis de nata?'));
    const changes = await relay(a);

    const result = await b.applyRemoteChanges(SPACE, changes, 42);
    expect(result).toMatchObject({ applied: changes.length, skipped: 0, conversations: [conversation.id] });
    expect((await b.getConversation(conversation.id))!.messages.map((m) => m.content)).toEqual(['Where should we eat pastéis de nata?']);
    expect((await b.search({ text: 'pasteis' })).hits).toHaveLength(1);
    expect(await b.syncCursor(SPACE)).toMatchObject({ seq: 42 });
    // A page applied twice changes nothing.
    expect(await b.applyRemoteChanges(SPACE, changes, 42)).toMatchObject({ applied: 0 });
  });

  it('takes a reply that is still streaming without its text, and its text once it finishes', async () => {
    const [a, b] = await pair();
    const conversation = await a.createConversation({ id: uuidv7(), title: 'Streaming' });
    const reply = await a.insertMessage(streamingReply(conversation.id, null));
    await a.appendStreamingText(reply.id, 'half of it');
    await b.applyRemoteChanges(SPACE, await relay(a), 2);
    expect((await b.getConversation(conversation.id))!.messages).toMatchObject([{ id: reply.id, content: '', status: 'streaming' }]);
    await a.finishMessage(reply.id, { content: 'the whole answer', status: 'done', error: null, usage: { inputTokens: 1, outputTokens: 2 } });
    const finished = await relay(a);
    // One change for the finished reply (and the conversation's new time), never one per streamed chunk.
    expect(finished.filter((c) => c.table === 'messages')).toHaveLength(1);
    await b.applyRemoteChanges(SPACE, finished, 4);
    expect((await b.getConversation(conversation.id))!.messages).toMatchObject([{ id: reply.id, content: 'the whole answer', status: 'done' }]);
  });

  it('keeps both edits when one device renames while the other pins, whatever order they arrive in', async () => {
    const [a, b] = await pair();
    const { id } = await a.createConversation({ id: uuidv7(), title: 'first title' });
    await b.applyRemoteChanges(SPACE, await relay(a), 1);

    await b.updateConversation(id, { title: 'renamed on B' });
    await a.updateConversation(id, { pinned: true });
    const fromB = await relay(b);
    const fromA = await relay(a);
    await a.applyRemoteChanges(SPACE, fromB, 3);
    await b.applyRemoteChanges(SPACE, fromA, 3);

    for (const store of [a, b]) {
      expect((await store.getConversation(id))!.conversation).toMatchObject({ title: 'renamed on B', pinned: true });
    }
  });

  it('lets the later of two renames win on both devices', async () => {
    const [a, b] = await pair();
    const { id } = await a.createConversation({ id: uuidv7(), title: 'first' });
    await b.applyRemoteChanges(SPACE, await relay(a), 1);
    await a.updateConversation(id, { title: 'from A' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await b.updateConversation(id, { title: 'from B, later' });
    const fromA = await relay(a);
    const fromB = await relay(b);
    await a.applyRemoteChanges(SPACE, fromB, 3);
    await b.applyRemoteChanges(SPACE, fromA, 3);
    expect((await a.getConversation(id))!.conversation.title).toBe('from B, later');
    expect((await b.getConversation(id))!.conversation.title).toBe('from B, later');
  });

  it('refuses a change naming a table or column outside the sync schema, and applies the rest', async () => {
    const [a, b] = await pair();
    await a.createConversation({ id: uuidv7(), title: 'ok' });
    const changes = await relay(a);
    const bad: RemoteChange = { ...changes[0]!, id: uuidv7(), table: 'vault_records', fields: { hint: 'abcd' } };
    const result = await b.applyRemoteChanges(SPACE, [bad, ...changes], 2);
    expect(result).toMatchObject({ skipped: 1, applied: changes.length });
  });

  it('re-homes the local space into the account’s, outbox included, and new rows follow', async () => {
    const store = await stores.open();
    const local = await store.personalSpace();
    await store.createConversation({ id: uuidv7(), title: 'before sign-in' });
    await store.rehomeSpace(local, SPACE);
    expect(await store.personalSpace()).toBe(SPACE);
    await store.createConversation({ id: uuidv7(), title: 'after sign-in' });
    expect(new Set((await store.listOutbox(100)).map((c) => c.space))).toEqual(new Set([SPACE]));
    expect(await store.conversationsPerSpace()).toEqual({ [SPACE]: 2 });
  });

  it('moves a conversation into a shared space: a tombstone in the old space, the rows whole in the new', async () => {
    const [a, b] = await pair();
    const shared = '0193a1b2-0000-7000-8000-0000000000bb';
    const conversation = await a.createConversation({ id: uuidv7(), title: 'team plan' });
    await a.insertMessage(userMessage(conversation.id, null, 'draft'));
    await b.applyRemoteChanges(SPACE, await relay(a), 2);

    expect(await a.moveConversationToSpace(conversation.id, shared)).toBe(true);
    const changes = await relay(a);
    expect(changes.length).toBe(4);
    const bySpace = (await a.listOutbox(10)).length;
    expect(bySpace).toBe(0);
    // B gets the old space's tombstones and the new space's rows, in either order.
    await b.applyRemoteChanges(shared, changes.filter((_, i) => i % 2 === 1), 2);
    await b.applyRemoteChanges(SPACE, changes.filter((_, i) => i % 2 === 0), 4);
    expect((await b.getConversation(conversation.id))!.messages.map((m) => m.content)).toEqual(['draft']);
    expect(await b.conversationsPerSpace()).toEqual({ [shared]: 1 });
  });

  it('removes the local copy of a space and nothing else', async () => {
    const [a] = await pair();
    const shared = '0193a1b2-0000-7000-8000-0000000000cc';
    const mine = await a.createConversation({ id: uuidv7(), title: 'mine' });
    const team = await a.createConversation({ id: uuidv7(), title: 'team' });
    await a.insertMessage(userMessage(team.id, null, 'team words'));
    await a.moveConversationToSpace(team.id, shared);
    await a.removeSpace(shared);
    expect(await a.getConversation(team.id)).toBeNull();
    expect(await a.getConversation(mine.id)).not.toBeNull();
    expect((await a.search({ text: 'team words' })).hits).toHaveLength(0);
  });
});
