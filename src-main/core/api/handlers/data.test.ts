// The local data's API as the renderer calls it: through the dispatcher, so every
// input and output passes its schema. A real store in a temp folder.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { exportFixture, userMessage } from '../../store/testing';
import { useHandlers } from './test-support';

const harness = useHandlers();
const { call } = harness;
const CHATGPT = exportFixture('chatgpt-conversations.json');

describe('data API', () => {
  it('imports with progress events for its job, then finds the imported text', async () => {
    const jobId = uuidv7();
    expect(await call('transfer.import', { jobId, path: CHATGPT })).toEqual({ format: 'chatgpt', imported: 2, skipped: 0, messages: 7, notes: [] });
    const progress = harness.events.filter((e) => e.event === 'transfer.progress').map((e) => e.payload as { jobId: string; phase: string });
    expect(progress.at(-1)).toMatchObject({ jobId, phase: 'importing', conversations: 2 });
    const found = await call<{ hits: { conversationTitle: string; snippet: string }[] }>('search.messages', { text: 'borrow che' });
    expect(found.hits.map((h) => h.conversationTitle)).toEqual(['Rust borrow checker']);
  });

  it('refuses an export that would replace a file unless told to, and paths that are not .json or .md', async () => {
    const target = path.join(path.dirname(harness.store.file), 'all.json');
    fs.writeFileSync(target, 'my own file');
    await expect(call('transfer.export', { jobId: uuidv7(), path: target, format: 'json' })).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(target, 'utf8')).toBe('my own file');
    await expect(call('transfer.export', { jobId: uuidv7(), path: path.join(path.dirname(target), 'x.bashrc'), format: 'markdown' })).rejects.toThrow(
      /must end in .json for JSON or .md for Markdown/,
    );
    await call('transfer.export', { jobId: uuidv7(), path: target, format: 'json', replace: true });
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toMatchObject({ format: 'realmultillm', conversations: [] });
    expect(await call('transfer.cancel', { jobId: uuidv7() })).toEqual({ cancelled: false });
    await expect(call('transfer.import', { jobId: uuidv7(), path: 'relative/conversations.json' })).rejects.toThrow(/is not a full path/);
  });

  it('refuses a path with a NUL byte as invalid input, before any handler runs, writing nothing', async () => {
    const folder = path.dirname(harness.store.file);
    const before = fs.readdirSync(folder);
    const forged = path.join(folder, 'all.json\0.md');
    await expect(call('transfer.export', { jobId: uuidv7(), path: forged, format: 'markdown' })).rejects.toMatchObject({
      code: 'api.invalid_input',
      message: expect.stringMatching(/path.*NUL/),
    });
    await expect(call('transfer.import', { jobId: uuidv7(), path: `${CHATGPT}\0.json` })).rejects.toMatchObject({ code: 'api.invalid_input' });
    expect(fs.readdirSync(folder)).toEqual(before);
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
