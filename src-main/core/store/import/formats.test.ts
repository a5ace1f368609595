// Every field of the ChatGPT and Claude exports that has a place in our schema
// reaches the store: archived and starred, titles, timestamps, each message's
// model; Claude's attachments, files and thinking. What has no place is left out
// with a note in the summary, never the whole conversation.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { derivedTimeId } from '../repositories/derived-id';
import { exportFixture as fixture, useTempStores } from '../testing';

const stores = useTempStores();
const job = () => ({ jobId: uuidv7() });

describe('the ChatGPT reader', () => {
  it('keeps is_archived and is_starred, message update times and the default model of a reply', async () => {
    const store = await stores.open();
    expect(await store.importFile({ path: fixture('chatgpt-archived.json') }, job())).toEqual({
      format: 'chatgpt',
      imported: 2,
      skipped: 0,
      messages: 3,
      notes: [],
    });
    const source = '6830aa11-0000-4000-8000-0000000a2c41';
    const { conversation, messages } = (await store.getConversation(derivedTimeId(1715000000500, 'chatgpt', source)))!;
    expect(conversation).toMatchObject({ title: 'Packing list for a cold trip', archived: true, pinned: true, createdAt: 1715000000500, updatedAt: 1715000900250 });
    const [question, answer] = messages;
    expect(question).toMatchObject({ role: 'user', model: null, createdAt: 1715000001000, updatedAt: 1715000050000 });
    // No model_slug on the reply: the conversation's default_model_slug wrote it.
    expect(answer).toMatchObject({ role: 'assistant', model: 'gpt-4o', createdAt: 1715000009750, updatedAt: 1715000009750 });

    const other = (await store.getConversation(derivedTimeId(1715100000000, 'chatgpt', '6830aa11-0000-4000-8000-0000000a2c42')))!;
    expect(other.conversation).toMatchObject({ archived: false, pinned: false });
    expect(other.messages[0]!.model).toBeNull();
  });

  it('keeps thoughts and the reasoning recap as the reasoning of the reply after them, not as messages', async () => {
    const store = await stores.open();
    const summary = await store.importFile({ path: fixture('chatgpt-reasoning.json') }, job());
    expect(summary).toMatchObject({ format: 'chatgpt', imported: 1, messages: 3 });
    // Thinking that never reached a reply (the export stopped mid-thought) is said, not dropped in silence.
    expect(summary.notes).toEqual([{ code: 'reasoning-left-out', conversation: 1, title: 'Why is the sky blue', message: null, count: 1, name: '' }]);
    const { conversation, messages } = (await store.getConversation(derivedTimeId(1735000000000, 'chatgpt', '6830aa11-0000-4000-8000-0000000b0001')))!;
    const [question, answer, followUp] = messages;
    expect(question).toMatchObject({ role: 'user', content: 'Why is the sky blue?', reasoning: null });
    expect(answer).toMatchObject({
      role: 'assistant',
      parentId: question!.id,
      model: 'o3',
      content: 'Air scatters blue light more than red (Rayleigh scattering).',
      reasoning: [
        'Recalling Rayleigh scattering',
        'Shorter wavelengths scatter more, roughly with the fourth power of frequency.',
        'Why not violet',
        'The sun emits less violet and our eyes are less sensitive to it.',
        'Thought for 10 seconds',
      ].join('\n\n'),
    });
    expect(followUp).toMatchObject({ role: 'user', content: 'And sunsets?', parentId: answer!.id });
    expect(conversation.shownLeafId).toBe(followUp!.id);
  });
});

describe('the Claude reader', () => {
  const source = '3c1e2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a60';
  const id = derivedTimeId(Date.parse('2025-02-03T08:00:00Z'), 'claude', source);

  it('keeps attachments (their extracted text), files (by name) and thinking (as reasoning)', async () => {
    const store = await stores.open();
    const summary = await store.importFile({ path: fixture('claude-attachments.json') }, job());
    expect(summary).toMatchObject({ format: 'claude', imported: 1, messages: 3 });
    const { conversation, messages } = (await store.getConversation(id))!;
    expect(conversation).toMatchObject({ title: 'Reviewing the quarterly notes', pinned: true, archived: false });
    const [question, answer, thanks] = messages;
    expect(question).toMatchObject({ role: 'user', content: 'Summarise the attached notes.', updatedAt: Date.parse('2025-02-03T08:00:02Z') });
    expect(answer).toMatchObject({
      role: 'assistant',
      parentId: question!.id,
      content: 'Revenue rose 4%; hiring is paused until Q1.',
      reasoning: 'The notes mention revenue and hiring; keep it short.',
    });

    const files = (await store.listAttachmentsOf([question!.id])).sort((a, b) => a.fileName.localeCompare(b.fileName));
    expect(files.map((f) => [f.fileName, f.mime])).toEqual([
      ['q3-notes.txt', 'text/plain'],
      ['whiteboard.png', 'text/plain'],
    ]);
    const read = async (attachmentId: string) => readFileSync((await store.getAttachment(attachmentId)).path, 'utf8');
    expect(await read(files[0]!.id)).toBe('Revenue up 4%.\nHiring paused until Q1.');
    expect(await read(files[1]!.id)).toBe('[“whiteboard.png” was sent in Claude; the export does not include its contents.]');
    // The attachments sync like any the user attached.
    const changes = (await store.listOutbox(1000)).filter((c) => c.table === 'attachments');
    expect(changes.map((c) => c.row).sort()).toEqual(files.map((f) => f.id).sort());

    // The system message is left out; the reply after it joins the branch where it stood.
    expect(thanks).toMatchObject({ role: 'user', content: 'Thanks!', parentId: answer!.id });
    expect(conversation.shownLeafId).toBe(thanks!.id);
  });

  it('leaves out an unknown sender or block type with a note in the summary, never the whole conversation', async () => {
    const store = await stores.open();
    const summary = await store.importFile({ path: fixture('claude-attachments.json') }, job());
    expect(summary.imported).toBe(1);
    const where = { conversation: 1, title: 'Reviewing the quarterly notes' };
    expect(summary.notes).toEqual([
      { code: 'blocks-left-out', ...where, message: 2, count: 1, name: 'tool_use' },
      { code: 'blocks-left-out', ...where, message: 2, count: 1, name: 'tool_result' },
      { code: 'unknown-sender', ...where, message: 3, count: 1, name: 'system' },
      { code: 'blocks-left-out', ...where, message: 4, count: 1, name: 'voice_note' },
    ]);
  });
});
