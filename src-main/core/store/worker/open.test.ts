import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { NEW_PAGE_SIZE } from './database';
import { openStore } from '../index';
import { streamingReply, useTempStores, userMessage } from '../testing';

const stores = useTempStores();

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('opening the store', () => {
  it('creates the database and its folder, in WAL mode with foreign keys on', async () => {
    const file = join(dirname(stores.file()), 'nested', 'folder', 'store.db');
    const store = await stores.open(file);
    expect(store.file).toBe(file);
    expect(store.nodeId).toMatch(/^[0-9a-f]{16}$/);
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT value FROM meta WHERE key = ?').get('node_id')).toEqual({ value: store.nodeId });
    } finally {
      db.close();
    }
  });

  it('makes a new file with 16 KB pages and keeps the page size of an existing file', async () => {
    const pageSize = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.pragma('page_size', { simple: true });
      } finally {
        db.close();
      }
    };
    const fresh = stores.file();
    await (await stores.open(fresh)).close();
    expect(pageSize(fresh)).toBe(NEW_PAGE_SIZE);

    // A store made by an earlier version, with SQLite's 4 KB pages.
    const older = stores.file();
    const db = new Database(older);
    db.pragma('page_size = 4096');
    db.exec('CREATE TABLE made_earlier (x)');
    db.close();
    // An empty file (left by a crash before the first write) counts as new.
    const empty = stores.file();
    writeFileSync(empty, '');
    const store = await stores.open(older);
    await store.createConversation({ id: uuidv7(), title: 'still 4 KB' });
    await store.close();
    await (await stores.open(empty)).close();
    expect(pageSize(older)).toBe(4096);
    expect(pageSize(empty)).toBe(NEW_PAGE_SIZE);
  });

  it("deletes the scratch files of an import the app did not live to finish, and nothing else", async () => {
    const file = stores.file();
    await (await stores.open(file)).close();
    const dir = dirname(file);
    const job = uuidv7();
    const leftovers = [`import-${job}.staging.sqlite`, `import-${job}.staging.sqlite-wal`, `import-${job}.staging.sqlite-shm`, `import-${job}.reserve`];
    const others = ['import-notes.txt', 'my.reserve', `import-${job}.staging.sqlite.bak`];
    for (const name of [...leftovers, ...others]) writeFileSync(join(dir, name), 'x');
    await stores.open(file);
    expect(readdirSync(dir).filter((name) => [...leftovers, ...others].includes(name)).sort()).toEqual([...others].sort());
  });

  it('keeps conversations, messages, providers and identity across a reopen', async () => {
    const file = stores.file();
    const first = await stores.open(file);
    const { id } = await first.createConversation({ id: uuidv7(), title: 'remember me' });
    const message = await first.insertMessage(userMessage(id, null, 'hello'));
    const provider = await first.saveProvider({
      id: uuidv7(),
      name: 'Local',
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:1234/v1',
      model: 'm',
      createdAt: 1,
      updatedAt: 1,
    });
    const before = await first.getConversation(id);
    await first.close();

    const second = await stores.open(file);
    expect(second.nodeId).toBe(first.nodeId);
    expect(second.personalSpaceId).toBe(first.personalSpaceId);
    expect(await second.getConversation(id)).toEqual(before);
    expect(before!.messages.map((m) => m.id)).toEqual([message.id]);
    expect(await second.listProviders()).toEqual([provider]);
  });

  it('uses the given node id on first open only', async () => {
    const file = stores.file();
    const first = await openStore({ file, nodeId: '0123456789abcdef' });
    expect(first.nodeId).toBe('0123456789abcdef');
    await first.close();
    const second = await openStore({ file, nodeId: 'fedcba9876543210' });
    expect(second.nodeId).toBe('0123456789abcdef');
    await second.close();
    await expect(openStore({ file: stores.file(), nodeId: 'NOT-HEX' })).rejects.toThrow(/not 16 lowercase hex/);
  });

  it('keeps the streamed text and reasoning of a reply cut off by a quit, marking it interrupted', async () => {
    const file = stores.file();
    const first = await stores.open(file);
    const { id } = await first.createConversation({ id: uuidv7(), title: 'cut off' });
    const reply = await first.insertMessage(streamingReply(id, null));
    await first.appendStreamingReasoning(reply.id, 'The user wants');
    await first.appendStreamingText(reply.id, 'The answer is');
    await first.appendStreamingReasoning(reply.id, ' a number.');
    await first.close();

    const second = await stores.open(file);
    const [recovered] = (await second.getConversation(id))!.messages;
    expect(recovered).toMatchObject({ id: reply.id, status: 'interrupted', content: 'The answer is', reasoning: 'The user wants a number.' });
    const change = (await second.listOutbox(100)).filter((c) => c.row === reply.id).at(-1);
    expect(change!.fields).toMatchObject({ status: 'interrupted', content: 'The answer is', reasoning: 'The user wants a number.' });
  });

  it.each([
    ['a text file', () => Buffer.from('These are my notes, not a database.\n'.repeat(200))],
    ['a damaged SQLite header', () => Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(8192, 0xa7)])],
  ])('refuses %s, names the file and leaves it byte for byte intact', async (_kind, contents) => {
    const file = stores.file();
    writeFileSync(file, contents());
    const hash = sha256(file);
    const error = await openStore({ file }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain(file);
    expect(error!.message).toMatch(/could not be opened.*left untouched/);
    expect(sha256(file)).toBe(hash);
    expect(readdirSync(dirname(file))).toEqual(['conversations.db']);
  });

  it('rejects calls after close with a clear message', async () => {
    const store = await stores.open();
    await store.close();
    await store.close();
    await expect(store.createConversation({ id: uuidv7(), title: 'late' })).rejects.toThrow(/is closed/);
  });
});
