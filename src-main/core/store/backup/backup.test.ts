import { readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { openStore } from '..';
import { useTempStores, userMessage } from '../testing';
import { restoreBackupFile } from './restore';

const stores = useTempStores();

describe('local backups', () => {
  it('makes a verified, openable snapshot and keeps only the newest N of a kind', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'backed up' });
    await store.insertMessage(userMessage(id, null, 'precious words'));
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await store.createBackup('scheduled', 3));
    await store.createBackup('manual', 3);
    const list = await store.listBackups();
    expect(list.filter((b) => b.kind === 'scheduled').map((b) => b.name)).toEqual(made.slice(1).reverse().map((b) => b.name));
    expect(list[0]!.kind).toBe('manual');
    const copy = new Database(list[0]!.path, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT content FROM messages').all()).toEqual([{ content: 'precious words' }]);
    } finally {
      copy.close();
    }
  });

  it('restores a backup after backing up the current data, which is never lost', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'then' });
    await store.insertMessage(userMessage(id, null, 'old state'));
    const backup = await store.createBackup('manual');
    const later = await store.createConversation({ id: uuidv7(), title: 'now' });
    await store.insertMessage(userMessage(later.id, null, 'newer text'));

    const { restored, safetyCopy } = await store.restoreBackup(backup.name);
    expect(restored.name).toBe(backup.name);
    expect(safetyCopy.kind).toBe('before-restore');
    expect((await store.listConversations(10)).map((c) => c.title)).toEqual(['then']);
    // The reader was restarted on the restored file.
    expect((await store.search({ text: 'newer' })).hits).toEqual([]);
    expect((await store.search({ text: 'old' })).hits).toHaveLength(1);
    // The data from before the restore is in the safety copy, and can itself be restored.
    await store.restoreBackup(safetyCopy.name);
    expect((await store.listConversations(10)).map((c) => c.title).sort()).toEqual(['now', 'then']);
    await store.insertMessage(userMessage(later.id, null, 'still writable'));
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
  });

  it('refuses to restore a damaged backup and keeps the current data', async () => {
    const store = await stores.open();
    await store.createConversation({ id: uuidv7(), title: 'current' });
    const backup = await store.createBackup('manual');
    writeFileSync(backup.path, 'SQLite format 3\0' + 'garbage'.repeat(1000));
    await expect(store.restoreBackup(backup.name)).rejects.toThrow(/cannot be used/);
    await expect(store.restoreBackup('../../etc/passwd')).rejects.toThrow(/There is no backup called/);
    expect((await store.listConversations(10)).map((c) => c.title)).toEqual(['current']);
  });

  it('offers the newest backup when the database cannot be opened, and restoring it keeps the damaged file', async () => {
    const file = stores.file();
    const store = await stores.open(file);
    await store.createConversation({ id: uuidv7(), title: 'saved' });
    const backup = await store.createBackup('scheduled');
    await store.close();
    writeFileSync(file, 'This is not a database any more.\n'.repeat(100));

    const error = await openStore({ file }).then(() => null, (e: Error) => e);
    expect(error!.message).toContain(`The newest backup is ${backup.name}`);
    expect(error!.message).toContain('the unreadable file will be kept beside it');

    const { restored, keptAs } = restoreBackupFile(file);
    expect(restored).toBe(backup.name);
    expect(readdirSync(dirname(file))).toContain(keptAs!.slice(dirname(file).length + 1));
    const reopened = await stores.open(file);
    expect((await reopened.listConversations(10)).map((c) => c.title)).toEqual(['saved']);
  });
});

describe('integrity check', () => {
  it('reports a search index that lost a message', async () => {
    const file = stores.file();
    const store = await stores.open(file);
    const { id } = await store.createConversation({ id: uuidv7(), title: 'x' });
    await store.insertMessage(userMessage(id, null, 'indexed text'));
    expect(await store.integrityCheck()).toEqual({ ok: true, problems: [] });
    await store.close();
    const db = new Database(file);
    db.exec("INSERT INTO messages_fts (messages_fts, rowid, content) SELECT 'delete', seq, content FROM messages");
    db.close();
    const reopened = await stores.open(file);
    expect(await reopened.integrityCheck()).toEqual({ ok: false, problems: ['search index: holds 0 messages, expected 1'] });
  });
});
