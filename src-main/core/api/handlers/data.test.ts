// The local data's API as the renderer calls it: through the dispatcher, so every
// input and output passes its schema. A real store in a temp folder.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { GRANT_TTL_MS } from '../../files/grants';
import { exportFixture, userMessage } from '../../store/testing';
import { useHandlers } from './test-support';

const harness = useHandlers();
const { call } = harness;
const CHATGPT = exportFixture('chatgpt-conversations.json');

describe('data API', () => {
  it('imports a file granted for reading, with progress events for its job, then finds the imported text', async () => {
    const jobId = uuidv7();
    const file = harness.files.grantRead(CHATGPT);
    expect(await call('transfer.import', { jobId, file: { grant: file.grant } })).toEqual({ format: 'chatgpt', imported: 2, skipped: 0, messages: 7, notes: [] });
    const progress = harness.events.filter((e) => e.event === 'transfer.progress').map((e) => e.payload as { jobId: string; phase: string });
    expect(progress.at(-1)).toMatchObject({ jobId, phase: 'importing', conversations: 2 });
    const found = await call<{ hits: { conversationTitle: string; snippet: string }[] }>('search.messages', { text: 'borrow che' });
    expect(found.hits.map((h) => h.conversationTitle)).toEqual(['Rust borrow checker']);
    // A file the user chose is never deleted by its import.
    expect(fs.existsSync(CHATGPT)).toBe(true);
  });

  it('refuses an export that would replace a file unless told to (or the save dialog asked), and files that are not .json or .md', async () => {
    const folder = path.dirname(harness.store.file);
    const target = path.join(folder, 'all.json');
    fs.writeFileSync(target, 'my own file');
    const write = (file: string, options = {}) => ({ grant: harness.files.grantWrite(file, options).grant });
    await expect(call('transfer.export', { jobId: uuidv7(), file: write(target), format: 'json' })).rejects.toMatchObject({ code: 'transfer.exists' });
    expect(fs.readFileSync(target, 'utf8')).toBe('my own file');
    await expect(call('transfer.export', { jobId: uuidv7(), file: write(path.join(folder, 'x.bashrc')), format: 'markdown' })).rejects.toMatchObject({
      code: 'transfer.wrong_extension',
      params: { name: 'x.bashrc', extension: 'md' },
    });
    expect(fs.existsSync(path.join(folder, 'x.bashrc'))).toBe(false);
    await call('transfer.export', { jobId: uuidv7(), file: write(target), format: 'json', replace: true });
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toMatchObject({ format: 'realmultillm', conversations: [] });
    fs.writeFileSync(target, 'my own file');
    await call('transfer.export', { jobId: uuidv7(), file: write(target, { replaceConfirmed: true }), format: 'json' });
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toMatchObject({ format: 'realmultillm' });
    expect(await call('transfer.cancel', { jobId: uuidv7() })).toEqual({ cancelled: false });
  });

  it('refuses a path or a forged grant from the page, writing and reading nothing', async () => {
    const folder = path.dirname(harness.store.file);
    const before = fs.readdirSync(folder);
    const target = path.join(folder, 'stolen.md');
    // The old shape, a bare path, is no longer an input.
    await expect(call('transfer.export', { jobId: uuidv7(), path: target, format: 'markdown' })).rejects.toMatchObject({ code: 'api.invalid_input' });
    await expect(call('transfer.import', { jobId: uuidv7(), path: CHATGPT })).rejects.toMatchObject({ code: 'api.invalid_input' });
    await expect(call('transfer.export', { jobId: uuidv7(), file: { path: target }, format: 'markdown' })).rejects.toMatchObject({ code: 'api.invalid_input' });
    for (const grant of ['forged', 'A'.repeat(43), target]) {
      await expect(call('transfer.export', { jobId: uuidv7(), file: { grant }, format: 'markdown' })).rejects.toMatchObject({ code: 'transfer.not_granted' });
      await expect(call('transfer.import', { jobId: uuidv7(), file: { grant } })).rejects.toMatchObject({ code: 'transfer.not_granted' });
    }
    expect(fs.readdirSync(folder)).toEqual(before);
    expect(await harness.store.listConversations(10)).toEqual([]);
  });

  it('takes each grant once only', async () => {
    const target = path.join(path.dirname(harness.store.file), 'once.md');
    const { grant } = harness.files.grantWrite(target);
    await call('transfer.export', { jobId: uuidv7(), file: { grant }, format: 'markdown' });
    fs.writeFileSync(target, 'changed by the user since');
    await expect(call('transfer.export', { jobId: uuidv7(), file: { grant }, format: 'markdown', replace: true })).rejects.toMatchObject({
      code: 'transfer.not_granted',
    });
    expect(fs.readFileSync(target, 'utf8')).toBe('changed by the user since');

    const read = harness.files.grantRead(CHATGPT);
    await call('transfer.import', { jobId: uuidv7(), file: { grant: read.grant } });
    await expect(call('transfer.import', { jobId: uuidv7(), file: { grant: read.grant } })).rejects.toMatchObject({ code: 'transfer.not_granted' });
  });

  it('never reads with a grant to write, nor writes with a grant to read', async () => {
    const folder = path.dirname(harness.store.file);
    const copy = path.join(folder, 'conversations.json');
    fs.copyFileSync(CHATGPT, copy);
    const toWrite = harness.files.grantWrite(copy);
    await expect(call('transfer.import', { jobId: uuidv7(), file: { grant: toWrite.grant } })).rejects.toMatchObject({ code: 'transfer.not_granted' });
    expect(await harness.store.listConversations(10)).toEqual([]);

    const target = path.join(folder, 'out.json');
    const toRead = harness.files.grantRead(target);
    await expect(call('transfer.export', { jobId: uuidv7(), file: { grant: toRead.grant }, format: 'json' })).rejects.toMatchObject({
      code: 'transfer.not_granted',
    });
    expect(fs.existsSync(target)).toBe(false);
    // Spent by the wrong use: the right one is refused too.
    await expect(call('transfer.import', { jobId: uuidv7(), file: { grant: toWrite.grant } })).rejects.toMatchObject({ code: 'transfer.not_granted' });
  });

  it('refuses an expired grant, writing nothing', async () => {
    const target = path.join(path.dirname(harness.store.file), 'late.md');
    const { grant } = harness.files.grantWrite(target);
    harness.advanceClock(GRANT_TTL_MS + 1);
    await expect(call('transfer.export', { jobId: uuidv7(), file: { grant }, format: 'markdown' })).rejects.toMatchObject({
      code: 'transfer.grant_expired',
      params: { minutes: 10 },
    });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('deletes a copy the app made for an import once it is used, even when the import fails', async () => {
    const folder = path.dirname(harness.store.file);
    const good = path.join(folder, 'upload-good.json');
    const bad = path.join(folder, 'upload-bad.json');
    fs.copyFileSync(CHATGPT, good);
    fs.writeFileSync(bad, '{ not json');
    await call('transfer.import', { jobId: uuidv7(), file: { grant: harness.files.grantRead(good, { deleteAfter: true }).grant } });
    await expect(call('transfer.import', { jobId: uuidv7(), file: { grant: harness.files.grantRead(bad, { deleteAfter: true }).grant } })).rejects.toMatchObject({
      code: expect.stringMatching(/^transfer\./),
    });
    expect(fs.existsSync(good)).toBe(false);
    expect(fs.existsSync(bad)).toBe(false);
  });

  it('makes, lists and restores backups, telling the screen to reload after a restore', async () => {
    const { id } = await harness.store.createConversation({ id: uuidv7(), title: 'before' });
    await harness.store.insertMessage(userMessage(id, null, 'hello'));
    const backup = await call<{ name: string }>('backup.create', {});
    await harness.store.createConversation({ id: uuidv7(), title: 'after' });
    expect((await call<{ name: string }[]>('backup.list', {})).map((b) => b.name)).toEqual([backup.name]);
    const result = await call<{ safetyCopy: { kind: string } }>('backup.restore', { name: backup.name });
    expect(result.safetyCopy.kind).toBe('before-restore');
    expect(harness.events.find((e) => e.event === 'backup.restored')?.payload).toMatchObject({ name: backup.name });
    expect((await harness.store.listConversations(10)).map((c) => c.title)).toEqual(['before']);
    expect(await call('store.integrityCheck', {})).toEqual({ ok: true, problems: [] });
    expect(await call('backup.setSchedule', { enabled: true, intervalHours: 6, keep: 3 })).toEqual({ enabled: true, intervalHours: 6, keep: 3 });
    expect(await call('backup.getSchedule', {})).toEqual({ enabled: true, intervalHours: 6, keep: 3 });
  });

  it('sums usage per model for the analytics screen', async () => {
    const base = { providerId: null, inputTokens: 10, outputTokens: 5, costUsd: 0.25, ttftMs: 100, durationMs: 400, outcome: 'done', errorCode: null, messageId: null, conversationId: null };
    await harness.store.appendUsage({ ...base, id: uuidv7(), model: 'a', createdAt: 1000, outcome: 'done' });
    await harness.store.appendUsage({ ...base, id: uuidv7(), model: 'a', createdAt: 2000, outcome: 'error' });
    expect(await call('analytics.totals', { by: 'model' })).toEqual([
      { key: 'a', calls: 2, errors: 1, inputTokens: 20, outputTokens: 10, costUsd: 0.5 },
    ]);
    expect(await call('analytics.latency', { from: 0 })).toMatchObject([{ model: 'a', calls: 2, durationP95Ms: 400 }]);
    expect(await call<unknown[]>('analytics.ledger', { limit: 1 })).toHaveLength(1);
  });
});
