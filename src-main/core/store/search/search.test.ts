import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../../src-shared/entities/search';
import { buildMatchQuery } from './search-repository';
import { streamingReply, useTempStores, userMessage } from '../testing';
import type { LocalStore } from '../interfaces';

const stores = useTempStores();

async function seed(store: LocalStore) {
  const a = await store.createConversation({ id: uuidv7(), title: 'Python help' });
  const b = await store.createConversation({ id: uuidv7(), title: 'Cooking' });
  const q = await store.insertMessage(userMessage(a.id, null, 'How do I read a CSV file in Python?'));
  // Distinct milliseconds, so the date filters can tell the two apart.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const reply = await store.insertMessage({ ...streamingReply(a.id, q.id), model: 'gpt-4o' });
  await store.finishMessage(reply.id, {
    content: 'Use the csv module: import csv, then csv.reader(open(path)). Pandas also reads CSV files.',
    status: 'done',
    error: null,
    usage: { inputTokens: 1, outputTokens: 1 },
  });
  const cook = await store.insertMessage(userMessage(b.id, null, 'A recipe for pythonesque pasta with crème fraîche'));
  return { a, b, q, reply, cook };
}

describe('search', () => {
  it('finds words by prefix as they are typed, newest first, with a snippet and where to jump', async () => {
    const store = await stores.open();
    const { a, b, q, reply, cook } = await seed(store);
    const result = await store.search({ text: 'pyt' });
    expect(result.hits.map((h) => h.messageId)).toEqual([cook.id, q.id]);
    expect(result.hits[0]).toMatchObject({ conversationId: b.id, conversationTitle: 'Cooking', role: 'user' });
    expect(result.hits[1]).toMatchObject({ conversationId: a.id, messageId: q.id });
    expect(result.hits[1]!.snippet).toContain(`${HIGHLIGHT_START}Python${HIGHLIGHT_END}`);
    expect((await store.search({ text: 'csv rea' })).hits.map((h) => h.messageId)).toEqual([reply.id, q.id]);
    expect(result.more).toBe(false);
  });

  it('matches without accents and ranks by relevance when asked', async () => {
    const store = await stores.open();
    const { q, reply, cook } = await seed(store);
    expect((await store.search({ text: 'creme fraiche' })).hits.map((h) => h.messageId)).toEqual([cook.id]);
    const ranked = await store.search({ text: 'csv', order: 'relevance' });
    expect(ranked.hits.map((h) => h.messageId)).toEqual([reply.id, q.id]);
  });

  it('filters by conversation, model, role and date', async () => {
    const store = await stores.open();
    const { a, q, reply } = await seed(store);
    expect((await store.search({ text: 'csv', model: 'gpt-4o' })).hits.map((h) => h.messageId)).toEqual([reply.id]);
    expect((await store.search({ text: 'csv', role: 'user' })).hits.map((h) => h.messageId)).toEqual([q.id]);
    expect((await store.search({ text: 'pyt', conversationId: a.id })).hits.map((h) => h.messageId)).toEqual([q.id]);
    expect((await store.search({ text: 'csv', from: reply.createdAt })).hits.map((h) => h.messageId)).toEqual([reply.id]);
    expect((await store.search({ text: 'csv', to: reply.createdAt })).hits.map((h) => h.messageId)).toEqual([q.id]);
  });

  it('never indexes a reply while it streams, and forgets deleted conversations', async () => {
    const store = await stores.open();
    const { a, b } = await seed(store);
    const streaming = await store.insertMessage(streamingReply(b.id, null));
    await store.appendStreamingText(streaming.id, 'zebra stripes');
    expect((await store.search({ text: 'zebra' })).hits).toEqual([]);
    await store.finishMessage(streaming.id, { content: 'zebra stripes, final', status: 'done', error: null, usage: { inputTokens: null, outputTokens: null } });
    expect((await store.search({ text: 'zebra' })).hits).toHaveLength(1);
    await store.deleteConversation(a.id);
    expect((await store.search({ text: 'csv' })).hits).toEqual([]);
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
  });

  it('treats any typed text as words, so FTS syntax cannot break a query', async () => {
    const store = await stores.open();
    await seed(store);
    for (const text of ['"', 'csv"', 'NEAR(', 'content:csv', 'csv AND', '*', '-csv', '(', 'a OR', "'; DROP TABLE messages; --", '^csv']) {
      await expect(store.search({ text })).resolves.toHaveProperty('hits');
    }
    expect((await store.search({ text: 'csv:' })).hits.length).toBeGreaterThan(0);
    expect((await store.search({ text: '   ' })).hits).toEqual([]);
  });

  it('pages through many hits', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'many' });
    for (let i = 0; i < 12; i++) await store.insertMessage(userMessage(id, null, `needle number ${i}`));
    const first = await store.search({ text: 'needle', limit: 5 });
    const second = await store.search({ text: 'needle', limit: 5, offset: 5 });
    const third = await store.search({ text: 'needle', limit: 5, offset: 10 });
    expect([first.more, second.more, third.more]).toEqual([true, true, false]);
    expect([...first.hits, ...second.hits, ...third.hits].map((h) => h.snippet.replace(/[\uE000\uE001]/g, ''))).toEqual(
      Array.from({ length: 12 }, (_, i) => `needle number ${11 - i}`),
    );
  });

  it('pages by relevance through filters that most of the best hits fail', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'ranked' });
    const gone = await store.createConversation({ id: uuidv7(), title: 'deleted later' });
    // Same length, more needles = more relevant. The best 30 are other models' or
    // in a deleted conversation, so the page must be found past them.
    const filler = (k: number) => `${'needle '.repeat(k)}${'hay '.repeat(40 - k)}`.trim();
    const wantedIds: string[] = [];
    const idOf = new Map<number, string>();
    for (let k = 1; k <= 40; k++) {
      const inGone = k > 30 && k % 2 === 0;
      const message = await store.insertMessage({
        ...userMessage(inGone ? gone.id : id, null, filler(k)),
        role: 'assistant',
        model: k > 30 ? 'big' : k % 3 === 0 ? 'small' : 'other',
      });
      idOf.set(k, message.id);
      if (k <= 30 && k % 3 === 0) wantedIds.unshift(message.id);
    }
    await store.deleteConversation(gone.id);
    // The small model's, best first: k = 30, 27, ..., 3.
    const first = await store.search({ text: 'needle', order: 'relevance', model: 'small', limit: 4 });
    const second = await store.search({ text: 'needle', order: 'relevance', model: 'small', limit: 4, offset: 4 });
    const last = await store.search({ text: 'needle', order: 'relevance', model: 'small', limit: 4, offset: 8 });
    expect([...first.hits, ...second.hits, ...last.hits].map((h) => h.messageId)).toEqual(wantedIds);
    expect([first.more, second.more, last.more]).toEqual([true, true, false]);
    expect(first.hits[0]!.snippet).toContain(`${HIGHLIGHT_START}needle${HIGHLIGHT_END}`);
    // Without the model filter the deleted conversation's hits stay out: k = 39, 37, 35, 33, 31 lead.
    const all = await store.search({ text: 'needle', order: 'relevance', limit: 5 });
    expect(all.hits.map((h) => h.messageId)).toEqual([39, 37, 35, 33, 31].map((k) => idOf.get(k)));
  });
});

describe('building the match query', () => {
  it.each([
    ['pyt', '"pyt"*'],
    ['csv rea', '"csv" "rea"*'],
    ['csv ', '"csv"'],
    ['a', '"a"'],
    ['go', '"go"'],
    ['"exact phrase" more', '"exact phrase" "more"*'],
    ['he said "hi', '"hi" "he" "said"'],
    ['naïve café', '"naïve" "café"*'],
    ['-- ;', null],
  ])('turns %j into %j', (text, expected) => {
    expect(buildMatchQuery(text)).toBe(expected);
  });
});
