import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import type { TransferProgress } from '../../../../src-shared/entities/transfer';
import { derivedTimeId } from '../repositories/derived-id';
import { chatGptConversations, useTempStores, userMessage } from '../testing';
import type { LocalStore } from '../interfaces';
import { readConversationElements } from './json-stream';

const stores = useTempStores();
const fixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name);
const job = () => ({ jobId: uuidv7() });

async function counts(store: LocalStore) {
  const conversations = await store.listConversations(1000);
  let messages = 0;
  for (const c of conversations) messages += (await store.getConversation(c.id))!.messages.length;
  return { conversations: conversations.length, messages, outbox: (await store.listOutbox(100_000)).length };
}

async function collect(file: string, chunkBytes?: number) {
  const values: unknown[] = [];
  for await (const element of readConversationElements(file, chunkBytes ? { chunkBytes } : {})) values.push(element.value);
  return values;
}

describe('reading an export file', () => {
  it('finds the same conversations however the file is split into chunks', async () => {
    const whole = JSON.parse(readFileSync(fixture('chatgpt-conversations.json'), 'utf8'));
    for (const chunkBytes of [1, 2, 3, 7, 64, 1000]) {
      expect(await collect(fixture('chatgpt-conversations.json'), chunkBytes)).toEqual(whole);
    }
  });

  it('reads the conversations list of an object-shaped export', async () => {
    const dir = dirname(stores.file());
    const file = join(dir, 'ours.json');
    writeFileSync(file, '{"format":"realmultillm","note":"conversations [] inside a string","conversations":[{"a":"]}"},{"b":[1,{"c":"\\\\"}]}],"tail":1}');
    expect(await collect(file, 5)).toEqual([{ a: ']}' }, { b: [1, { c: '\\' }] }]);
  });

  it.each([
    ['a file cut short', '[{"id":"x","mapping":{}},{"id":"y","mapp', /ends part-way through \(after 1 complete conversations\)/],
    ['an empty file', '', /it is empty/],
    ['something that is not JSON', 'hello', /does not start with \[ or \{/],
    ['a list of numbers', '[1, 2]', /item 1 of the conversations list is not a conversation/],
    ['an object without conversations', '{"a": [1]}', /has no list of conversations/],
  ])('refuses %s with a message that says so', async (_what, text, message) => {
    const file = join(dirname(stores.file()), 'bad.json');
    writeFileSync(file, text);
    await expect(collect(file)).rejects.toThrow(message);
  });
});

describe('importing ChatGPT and Claude exports', () => {
  it("turns ChatGPT's mapping into our message tree and shows its current_node branch", async () => {
    const store = await stores.open();
    const summary = await store.importFile({ path: fixture('chatgpt-conversations.json') }, job());
    expect(summary).toEqual({ format: 'chatgpt', imported: 2, skipped: 0, messages: 7, notes: [] });
    // The scratch database and the room set aside for an undo are gone.
    expect(readdirSync(dirname(store.file)).filter((f) => f.startsWith('import-'))).toEqual([]);

    const source = '67f1c2d3-0000-4000-8000-00000000c0de';
    const id = derivedTimeId(1712000000123, 'chatgpt', source);
    const { conversation, messages } = (await store.getConversation(id))!;
    expect(conversation).toMatchObject({ title: 'Rust borrow checker', createdAt: 1712000000123, updatedAt: 1712000300500 });
    const times: Record<string, number> = { 'u-1': 1712000001500, 'a-1': 1712000010250, 'a-2': 1712000020750, 'u-2': 1712000100000, 'a-3': 1712000200000 };
    const node = (n: string) => derivedTimeId(times[n]!, 'chatgpt', source, n);
    expect(conversation.shownLeafId).toBe(node('a-3'));
    const byId = new Map(messages.map((m) => [m.id, m]));
    // The hidden system prompt and the tool call are not shown in ChatGPT, so they are not imported.
    expect(messages).toHaveLength(5);
    expect(byId.get(node('u-1'))).toMatchObject({ parentId: null, role: 'user', createdAt: 1712000001500 });
    expect(byId.get(node('a-1'))).toMatchObject({ parentId: node('u-1'), model: 'gpt-4o' });
    expect(byId.get(node('a-2'))).toMatchObject({ parentId: node('u-1'), model: 'gpt-4o-mini' });
    expect(byId.get(node('u-2'))!.content).toBe('[image]\nHere is a screenshot of the "error" \\ message.');
    expect(byId.get(node('a-3'))).toMatchObject({ parentId: node('u-2'), content: '```rust\nfor x in v.iter_mut() { *x += 1; }\n```' });
    expect((await store.getBranch(id)).map((m) => m.id)).toEqual([node('u-1'), node('a-1'), node('u-2'), node('a-3')]);
  });

  it("imports Claude's chat_messages as a conversation, joining text blocks", async () => {
    const store = await stores.open();
    expect(await store.importFile({ path: fixture('claude-conversations.json') }, job())).toEqual({
      format: 'claude',
      imported: 2,
      skipped: 0,
      messages: 6,
      notes: [],
    });
    const id = derivedTimeId(Date.parse('2024-05-01T09:00:00Z'), 'claude', '1f0e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b');
    const branch = await store.getBranch(id);
    expect(branch.map((m) => [m.role, m.content])).toEqual([
      ['user', 'What should I see in Kyoto in three days?'],
      ['assistant', 'Day one: Fushimi Inari early, then Gion.\n\nDay two: Arashiyama bamboo grove.'],
      ['user', 'And where should I eat?'],
      ['assistant', 'Nishiki Market for lunch; kaiseki in Pontocho for dinner.'],
    ]);
    expect(branch[0]!.createdAt).toBe(Date.parse('2024-05-01T09:00:01Z'));
    const untitled = (await store.getConversation(derivedTimeId(Date.parse('2024-06-02T12:00:00Z'), 'claude', '2f0e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5c')))!;
    expect(untitled.conversation.title).toBe('Untitled conversation');
  });

  it('creates no duplicates when the same file is imported twice', async () => {
    const store = await stores.open();
    await store.importFile({ path: fixture('chatgpt-conversations.json') }, job());
    const before = await counts(store);
    expect(await store.importFile({ path: fixture('chatgpt-conversations.json'), format: 'chatgpt' }, job())).toEqual({
      format: 'chatgpt',
      imported: 0,
      skipped: 2,
      messages: 0,
      notes: [],
    });
    expect(await counts(store)).toEqual(before);
  });

  it('makes imported text searchable and queues every imported row for sync with its full fields', async () => {
    const store = await stores.open();
    await store.importFile({ path: fixture('claude-conversations.json') }, job());
    const hits = (await store.search({ text: 'pontoch' })).hits;
    expect(hits.map((h) => h.conversationTitle)).toEqual(['Planning a trip to Kyoto']);
    const changes = await store.listOutbox(1000);
    expect(changes.filter((c) => c.table === 'conversations')).toHaveLength(2);
    const message = changes.find((c) => c.row === hits[0]!.messageId)!;
    expect(message.fields).toMatchObject({ content: 'Nishiki Market for lunch; kaiseki in Pontocho for dinner.', role: 'assistant', status: 'done' });
  });

  it.each([
    ['chatgpt-truncated.json', /ends part-way through/],
    ['chatgpt-malformed.json', /Conversation 2 \("Broken"\) in the file cannot be read: message node n is not an object/],
  ])('imports nothing from %s, says why, and leaves existing data intact', async (name, message) => {
    const file = stores.file();
    const store = await stores.open(file);
    const mine = await store.createConversation({ id: uuidv7(), title: 'mine' });
    await store.insertMessage(userMessage(mine.id, null, 'keep me'));
    const before = await counts(store);
    await expect(store.importFile({ path: fixture(name) }, job())).rejects.toThrow(message);
    expect(await counts(store)).toEqual(before);
    expect(readdirSync(dirname(file)).filter((f) => f.startsWith('import-'))).toEqual([]);
  });

  it('says clearly when the file does not exist or is in no format it knows', async () => {
    const store = await stores.open();
    await expect(store.importFile({ path: '/nonexistent/conversations.json' }, job())).rejects.toThrow(
      /could not be read \(ENOENT\)/,
    );
    const file = join(dirname(store.file), 'other.json');
    writeFileSync(file, '[{"hello": "world"}]');
    await expect(store.importFile({ path: file }, job())).rejects.toThrow(/look like none of the exports/);
  });
});

describe('progress and cancellation', () => {
  function bigChatGptFile(path: string, conversations: number) {
    writeFileSync(path, JSON.stringify(chatGptConversations(conversations)));
  }

  it('reports checking then importing progress, ending at the total', async () => {
    const store = await stores.open();
    const path = join(dirname(store.file), 'big.json');
    bigChatGptFile(path, 3000);
    const events: TransferProgress[] = [];
    const summary = await store.importFile({ path }, { jobId: uuidv7(), onProgress: (p) => events.push(p) });
    expect(summary).toMatchObject({ imported: 3000, messages: 6000 });
    expect(events.map((e) => e.phase)).toContain('checking');
    expect(events.at(-1)).toMatchObject({ phase: 'importing', conversations: 3000 });
    const checking = events.filter((e) => e.phase === 'checking').map((e) => e.bytesDone);
    expect(checking).toEqual([...checking].sort((a, b) => a - b));
  });

  /**
   * Feeds an export through a named pipe: the first `head` conversations, then
   * (once the store shows the first merged batch, so the writer has committed
   * rows) `tail`. The parser thread blocks on the pipe in between, so the order
   * of events is fixed.
   */
  async function importInTwoParts(store: LocalStore, head: number, tail: string, signal?: AbortSignal) {
    const path = join(dirname(store.file), 'pipe.json');
    execFileSync('mkfifo', [path]);
    const items = chatGptConversations(head).map((item) => JSON.stringify(item));
    const existing = (await store.listConversations(10)).length;
    const result = store.importFile({ path }, { jobId: uuidv7(), signal });
    result.catch(() => {});
    const out = createWriteStream(path);
    // The parser closes its end when the import stops.
    out.on('error', () => {});
    out.write(`[${items.join(',')},`);
    for (let waited = 0; (await store.listConversations(10)).length === existing; waited += 50) {
      if (waited > 20_000) throw new Error('No batch was merged while the file was still being read.');
      await sleep(50);
    }
    const merged = (await store.queryConversations({ limit: 1000 })).length - existing;
    return { result, merged, finish: () => out.end(tail) };
  }

  it('rolls back the batches already merged when the file turns out to be malformed further on', async () => {
    const store = await stores.open();
    const mine = await store.createConversation({ id: uuidv7(), title: 'mine' });
    await store.insertMessage(userMessage(mine.id, null, 'keep me'));
    const before = await counts(store);
    const { result, merged, finish } = await importInTwoParts(store, 12_000, '{"id": "x", "title": "Broken", "mapping": {"n": 5}}]');
    expect(merged).toBeGreaterThan(1);
    finish();
    await expect(result).rejects.toThrow(/Conversation 12001 \("Broken"\) in the file cannot be read.*Nothing was imported/);
    expect(await counts(store)).toEqual(before);
    expect((await store.search({ text: 'question' })).hits).toEqual([]);
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    expect(readdirSync(dirname(store.file)).filter((f) => f.startsWith('import-'))).toEqual([]);
  }, 60_000); // writes and undoes several batches: over 20 s on a busy 2-core machine

  it('rolls back the batches already merged when cancelled while importing', async () => {
    const store = await stores.open();
    const controller = new AbortController();
    const { result, finish } = await importInTwoParts(store, 12_000, `${JSON.stringify(chatGptConversations(12_001)[12_000])}]`, controller.signal);
    controller.abort();
    // The parser thread cannot be stopped while it waits on the pipe: give it the rest.
    finish();
    await expect(result).rejects.toThrow(/cancelled. Nothing was imported/);
    expect(await store.listConversations(10)).toEqual([]);
    expect(await store.listOutbox(10)).toEqual([]);
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    expect(readdirSync(dirname(store.file)).filter((f) => f.startsWith('import-'))).toEqual([]);
  });

  it('imports nothing when cancelled while the file is being checked', async () => {
    const store = await stores.open();
    const path = join(dirname(store.file), 'big.json');
    bigChatGptFile(path, 20_000);
    const controller = new AbortController();
    const result = store.importFile({ path }, { jobId: uuidv7(), signal: controller.signal, onProgress: () => controller.abort() });
    await expect(result).rejects.toThrow(/cancelled. Nothing was imported/);
    expect(await store.listConversations(10)).toEqual([]);
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(dirname(store.file)).filter((f) => f.startsWith('import-'))).toEqual([]);
  });

  it('imports files started at the same time one after the other, and a cancel reaches one still waiting', async () => {
    const store = await stores.open();
    const files = ['a', 'b', 'c'].map((name, n) => {
      const path = join(dirname(store.file), `${name}.json`);
      // Three exports with conversations of their own.
      const conversations = chatGptConversations(3000).map((c) => ({ ...c, id: c.id.replace(/^0/, String(n + 1)) }));
      writeFileSync(path, JSON.stringify(conversations));
      return path;
    });
    const waiting = new AbortController();
    const results = Promise.allSettled([
      store.importFile({ path: files[0]! }, job()),
      store.importFile({ path: files[1]! }, job()),
      store.importFile({ path: files[2]! }, { jobId: uuidv7(), signal: waiting.signal }),
    ]);
    waiting.abort();
    const [a, b, c] = await results;
    expect(a).toEqual({ status: 'fulfilled', value: { format: 'chatgpt', imported: 3000, skipped: 0, messages: 6000, notes: [] } });
    expect(b).toEqual({ status: 'fulfilled', value: { format: 'chatgpt', imported: 3000, skipped: 0, messages: 6000, notes: [] } });
    expect(c).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/cancelled. Nothing was imported/) } });
    expect((await store.search({ text: 'question' })).hits.length).toBeGreaterThan(0);
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
  }, 60_000); // three imports in a row, each with its own workers: over 20 s on a busy 2-core machine
});
