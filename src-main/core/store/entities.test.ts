import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { streamingReply, useTempStores, userMessage } from './testing';

const stores = useTempStores();

const provider = () => ({
  id: uuidv7(),
  name: 'Local',
  kind: 'openai-compatible' as const,
  baseUrl: 'http://127.0.0.1:9/v1',
  model: 'm',
  createdAt: 1,
  updatedAt: 1,
});

describe('personas, pipelines and goals', () => {
  it('saves, lists and deletes personas, keeping created_at across edits', async () => {
    const store = await stores.open();
    const persona = { id: uuidv7(), name: 'Editor', description: '', systemPrompt: 'Be terse.', icon: '✂️', settings: { temperature: 0.1 }, createdAt: 5, updatedAt: 5 };
    await store.savePersona(persona);
    const edited = await store.savePersona({ ...persona, systemPrompt: 'Be very terse.', createdAt: 999 });
    expect(edited).toMatchObject({ systemPrompt: 'Be very terse.', createdAt: 5, settings: { temperature: 0.1 } });
    expect(await store.listPersonas()).toEqual([edited]);
    expect(await store.deletePersona(persona.id)).toBe(true);
    expect(await store.listPersonas()).toEqual([]);
  });

  it('records a pipeline run step by step, and marks a run cut off by a quit as interrupted', async () => {
    const file = stores.file();
    const store = await stores.open(file);
    const step = { id: uuidv7(), name: 'draft', prompt: 'Write {{input}}', providerId: null, model: 'm', personaId: null, settings: {} };
    const pipeline = await store.savePipeline({ id: uuidv7(), name: 'Blog', description: '', steps: [step], createdAt: 1, updatedAt: 1 });
    expect((await store.getPipeline(pipeline.id))!.steps).toEqual([step]);
    const run = await store.insertPipelineRun({ id: uuidv7(), pipelineId: pipeline.id, conversationId: null, input: 'a post', startedAt: 10 });
    expect(run).toMatchObject({ status: 'running', steps: [] });
    const stepState = {
      index: 0, stepId: step.id, status: 'running' as const, output: 'half a dra', messageId: null, providerId: null, model: 'm',
      inputTokens: null, outputTokens: null, error: null, startedAt: 11, finishedAt: null,
    };
    await store.recordPipelineStep(run.id, stepState);
    await store.close();

    const reopened = await stores.open(file);
    const recovered = await reopened.getPipelineRun(run.id);
    expect(recovered).toMatchObject({ status: 'interrupted', steps: [{ status: 'interrupted', output: 'half a dra' }] });
    expect(recovered!.finishedAt).toBeGreaterThan(0);
    await reopened.recordPipelineStep(run.id, { ...stepState, status: 'done', output: 'a draft' });
    expect((await reopened.listPipelineRuns(pipeline.id, 10))[0]!.steps).toMatchObject([{ status: 'done', output: 'a draft' }]);
  });

  it('links goals to conversations and pipeline runs, and unlinks them', async () => {
    const store = await stores.open();
    const conversation = await store.createConversation({ id: uuidv7(), title: 'research' });
    const goal = await store.saveGoal({ id: uuidv7(), title: 'Ship v1', description: '', status: 'active', targetAt: null, progress: { kind: 'none' }, createdAt: 1, updatedAt: 1 });
    const linked = await store.linkGoal(goal.id, { kind: 'conversation', id: conversation.id }, true);
    expect(linked.links).toEqual([{ kind: 'conversation', id: conversation.id }]);
    await store.linkGoal(goal.id, { kind: 'conversation', id: conversation.id }, true);
    expect((await store.listGoals())[0]!.links).toHaveLength(1);
    expect((await store.linkGoal(goal.id, { kind: 'conversation', id: conversation.id }, false)).links).toEqual([]);
    await expect(store.linkGoal(goal.id, { kind: 'pipeline_run', id: uuidv7() }, true)).rejects.toThrow(/Pipeline run .* does not exist/);
  });
});

describe('compare runs and votes', () => {
  it('records a blind comparison and a vote whose winner and ranking are replies of that run', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'compare' });
    const prompt = await store.insertMessage(userMessage(id, null, 'which is better?'));
    const a = await store.insertMessage(streamingReply(id, prompt.id));
    const b = await store.insertMessage(streamingReply(id, prompt.id));
    const run = await store.insertCompareRun({ id: uuidv7(), conversationId: id, promptMessageId: prompt.id, replyMessageIds: [a.id, b.id], blind: true, createdAt: 1 });
    expect(await store.listCompareRuns(id)).toEqual([run]);
    const vote = await store.recordVote({ id: uuidv7(), runId: run.id, winnerMessageId: b.id, ranking: [b.id, a.id], createdAt: 2 });
    expect(await store.listVotes(run.id)).toEqual([vote]);
    await expect(store.recordVote({ id: uuidv7(), runId: run.id, winnerMessageId: prompt.id, ranking: [], createdAt: 3 })).rejects.toThrow(
      /not one of the replies/,
    );
    await expect(store.recordVote({ id: uuidv7(), runId: run.id, winnerMessageId: a.id, ranking: [b.id, a.id], createdAt: 3 })).rejects.toThrow(
      /must start with the winner/,
    );
  });
});

describe('settings, provider settings and vault records', () => {
  it('syncs a chosen setting and keeps a device setting local', async () => {
    const store = await stores.open();
    await store.setSetting('ui.theme', 'dark', true);
    await store.setSetting('window.bounds', { width: 800, height: 600 }, false);
    expect(await store.getSetting('window.bounds')).toMatchObject({ value: { width: 800, height: 600 }, synced: false });
    const settingChanges = (await store.listOutbox(100)).filter((c) => c.table === 'settings');
    expect(settingChanges.map((c) => c.row)).toEqual(['ui.theme']);
    expect((await store.listSettings()).map((s) => s.key)).toEqual(['ui.theme', 'window.bounds']);
    await expect(store.setSetting('Not A Key', 1, true)).rejects.toThrow(/short dotted name/);
  });

  it('keeps provider settings beside the provider and refuses a header that carries a key', async () => {
    const store = await stores.open();
    const saved = await store.saveProvider(provider());
    expect(await store.getProviderSettings(saved.id)).toEqual({});
    const settings = { apiVersion: '2024-10-21', headers: { 'X-Team': 'blue' } };
    expect(await store.setProviderSettings(saved.id, settings)).toEqual(settings);
    await expect(store.setProviderSettings(saved.id, { headers: { Authorization: 'Bearer sk-123' } })).rejects.toThrow(
      /keys are kept in the vault/,
    );
    expect(await store.getProviderSettings(saved.id)).toEqual(settings);
    const outbox = JSON.stringify(await store.listOutbox(1000));
    expect(outbox).not.toContain('sk-123');
  });

  it('keeps vault records local: never in the outbox, one default per provider', async () => {
    const store = await stores.open();
    const before = await store.listOutbox(1000);
    const record = {
      id: uuidv7(), providerId: 'openai', label: 'work', isDefault: true, backend: 'safe-storage' as const, hint: 'wxyz',
      encrypted: new Uint8Array([1, 2, 3]), createdAt: 1, updatedAt: 1,
    };
    await store.putVaultRecord(record);
    const second = await store.putVaultRecord({ ...record, id: uuidv7(), label: 'home', encrypted: null });
    expect(second.isDefault).toBe(true);
    const records = await store.listVaultRecords('openai');
    expect(records.map((r) => [r.label, r.isDefault])).toEqual([['home', true], ['work', false]]);
    expect(records[1]!.encrypted).toEqual(new Uint8Array([1, 2, 3]));
    await expect(store.putVaultRecord({ ...record, id: uuidv7() })).rejects.toThrow(/already has a key labelled "work"/);
    expect(await store.deleteVaultRecord(record.id)).toBe(true);
    expect(await store.listOutbox(1000)).toEqual(before);
  });
});

describe('attachments', () => {
  it('stores bytes once by content hash beside the database', async () => {
    const file = stores.file();
    const store = await stores.open(file);
    const { id } = await store.createConversation({ id: uuidv7(), title: 'files' });
    const message = await store.insertMessage(userMessage(id, null, 'see attached'));
    const source = join(dirname(file), 'notes.txt');
    writeFileSync(source, 'hello attachments');
    const first = await store.putAttachment({ id: uuidv7(), messageId: message.id, mime: 'text/plain', fileName: 'notes.txt', source: { sourcePath: source } });
    const second = await store.putAttachment({
      id: uuidv7(), messageId: message.id, mime: 'text/plain', fileName: 'copy.txt', source: { data: new TextEncoder().encode('hello attachments') },
    });
    expect(second.hash).toBe(first.hash);
    const { path } = await store.getAttachment(first.id);
    expect(path).toBe(join(dirname(file), 'attachments', first.hash.slice(0, 2), first.hash));
    expect(existsSync(path)).toBe(true);
    expect((await store.listAttachments(message.id)).map((a) => a.fileName)).toEqual(['notes.txt', 'copy.txt']);
  });

  it('says plainly when an attachment file vanished, and the conversation stays intact', async () => {
    const store = await stores.open();
    const { id } = await store.createConversation({ id: uuidv7(), title: 'files' });
    const attachment = await store.putAttachment({ id: uuidv7(), messageId: null, mime: 'image/png', fileName: 'chart.png', source: { data: new Uint8Array([9, 9]) } });
    rmSync((await store.getAttachment(attachment.id)).path);
    await expect(store.getAttachment(attachment.id)).rejects.toThrow(/The file for the attachment "chart.png" is missing/);
    expect(await store.getConversation(id)).not.toBeNull();
    await expect(store.putAttachment({ id: uuidv7(), messageId: null, mime: 'a/b', fileName: 'x', source: { sourcePath: '/nonexistent/x' } })).rejects.toThrow(
      /could not be read/,
    );
  });
});
