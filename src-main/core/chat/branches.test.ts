// Regenerate, edit and branch switching, and files sent with a message, with a real
// store, the passphrase vault and the local provider server.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PIXEL_PNG_BASE64 } from '../../../e2e/fixtures/pixel';
import { startProviderServer, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import { ATTACHMENT_LIMITS } from '../../../src-shared/entities/attachments';
import { chatHarness, type ChatHarness } from './test-support';

const apiKey = 'sk-chat-branches-test-7c2d';
let server: ProviderServer;
let h: ChatHarness;

beforeAll(async () => {
  server = await startProviderServer({ apiKey, tokenDelayMs: 2 });
});
afterAll(() => server.close());
beforeEach(async () => {
  h = await chatHarness(server, apiKey);
});
afterEach(() => h.close());

const ended = (messageId: string) => h.waitFor('stream.end', (end) => end.messageId === messageId);

type SentMessages = { role: string; content: unknown }[];
const lastBody = () => server.requests.at(-1)!.body as { messages: SentMessages };
const textOf = (content: unknown) =>
  typeof content === 'string' ? content : (content as { type: string; text?: string }[]).map((p) => p.text ?? `[${p.type}]`).join('');
const sentTurns = () => lastBody().messages.map((m) => [m.role, textOf(m.content)]);

async function exchange(providerId: string, text: string, conversationId?: string) {
  const sent = await h.chat.send({ providerId, text, ...(conversationId && { conversationId }) });
  await ended(sent.assistantMessageId);
  return sent;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('regenerate', () => {
  it('adds a sibling reply from the same model to the same context, and shows it', async () => {
    const provider = await h.addProvider('openai-compatible', 'echo');
    const first = await exchange(provider.id, 'First question');
    const second = await exchange(provider.id, 'Second question', first.conversationId);

    const again = await h.chat.regenerate({ conversationId: first.conversationId, messageId: second.assistantMessageId });
    const end = await ended(again.assistantMessageId);
    expect(end.message).toMatchObject({ parentId: second.userMessageId, providerId: provider.id, model: 'echo', status: 'done' });
    expect(sentTurns()).toEqual([
      ['user', 'First question'],
      ['assistant', 'You said: First question'],
      ['user', 'Second question'],
    ]);
    const view = await h.store.getBranchView(first.conversationId);
    expect(view.leafId).toBe(again.assistantMessageId);
    expect(view.messages.filter((m) => m.parentId === second.userMessageId).map((m) => m.id)).toEqual([
      second.assistantMessageId,
      again.assistantMessageId,
    ]);
  });

  it('uses another model when asked, and refuses to regenerate a question', async () => {
    const echo = await h.addProvider('openai-compatible', 'echo');
    const markdown = await h.addProvider('openai-compatible', 'markdown');
    const sent = await exchange(echo.id, 'Say it in markdown');
    const other = await h.chat.regenerate({ conversationId: sent.conversationId, messageId: sent.assistantMessageId, providerId: markdown.id });
    expect((await ended(other.assistantMessageId)).message).toMatchObject({ providerId: markdown.id, model: 'markdown' });
    await expect(h.chat.regenerate({ conversationId: sent.conversationId, messageId: sent.userMessageId })).rejects.toMatchObject({
      code: 'chat.not_a_reply',
    });
  });
});

describe('edit', () => {
  it('asks the edited question as a sibling whose reply sees only the edited branch; the old branch stays reachable', async () => {
    const provider = await h.addProvider('openai-compatible', 'echo');
    const first = await exchange(provider.id, 'What is a cat?');
    const second = await exchange(provider.id, 'And a dog?', first.conversationId);
    const conversationId = first.conversationId;

    const edited = await h.chat.edit({ conversationId, messageId: second.userMessageId, text: 'And a wolf?', providerId: provider.id });
    const end = await ended(edited.assistantMessageId);
    expect(end.message.content).toBe('You said: And a wolf?');
    expect(sentTurns()).toEqual([
      ['user', 'What is a cat?'],
      ['assistant', 'You said: What is a cat?'],
      ['user', 'And a wolf?'],
    ]);
    expect((await h.store.getBranch(conversationId)).map((m) => m.content)).toEqual([
      'What is a cat?',
      'You said: What is a cat?',
      'And a wolf?',
      'You said: And a wolf?',
    ]);
    const siblings = (await h.store.getBranchView(conversationId)).messages.filter((m) => m.parentId === first.assistantMessageId);
    expect(siblings.map((m) => m.content)).toEqual(['And a dog?', 'And a wolf?']);

    // The first question edited: a new root, its reply sent nothing before it.
    const root = await h.chat.edit({ conversationId, messageId: first.userMessageId, text: 'What is a lion?', providerId: provider.id });
    await ended(root.assistantMessageId);
    expect(sentTurns()).toEqual([['user', 'What is a lion?']]);

    expect(await h.store.showBranchThrough(conversationId, second.userMessageId)).toBe(second.assistantMessageId);
    await expect(h.chat.edit({ conversationId, messageId: second.assistantMessageId, text: 'x', providerId: provider.id })).rejects.toMatchObject({
      code: 'chat.not_a_prompt',
    });
  });
});

describe('switching branches', () => {
  it('continues the branch the user switched to, and keeps it across sends', async () => {
    const provider = await h.addProvider('openai-compatible', 'echo');
    const first = await exchange(provider.id, 'Pick one');
    const again = await h.chat.regenerate({ conversationId: first.conversationId, messageId: first.assistantMessageId });
    await ended(again.assistantMessageId);

    expect(await h.store.showBranchThrough(first.conversationId, first.assistantMessageId)).toBe(first.assistantMessageId);
    const next = await exchange(provider.id, 'Go on', first.conversationId);
    const branch = await h.store.getBranch(first.conversationId);
    expect(branch.map((m) => m.id)).toEqual([first.userMessageId, first.assistantMessageId, next.userMessageId, next.assistantMessageId]);
    expect((await h.store.getBranchView(first.conversationId)).leafId).toBe(next.assistantMessageId);
  });
});

describe('files sent with a message', () => {
  it('inlines a text file with its name and sends an image as an image part, and keeps both for later turns', async () => {
    const provider = await h.addProvider('openai-chat', 'echo');
    const sent = await h.chat.send({
      providerId: provider.id,
      text: 'Look at these',
      attachments: [
        { fileName: 'notes.txt', mime: 'text/plain', dataBase64: b64('Line one\nLine two') },
        { fileName: 'pixel.png', mime: 'image/png', dataBase64: PIXEL_PNG_BASE64 },
      ],
    });
    await ended(sent.assistantMessageId);
    const [user] = lastBody().messages;
    expect(user!.content).toEqual([
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL_PNG_BASE64}` } },
      { type: 'text', text: 'Look at these\n\n<file name="notes.txt">\nLine one\nLine two\n</file>' },
    ]);
    const stored = await h.store.listAttachments(sent.userMessageId);
    expect(stored.map((a) => [a.fileName, a.mime, a.size])).toEqual([
      ['notes.txt', 'text/plain', 17],
      ['pixel.png', 'image/png', Buffer.from(PIXEL_PNG_BASE64, 'base64').byteLength],
    ]);

    const next = await exchange(provider.id, 'And now?', sent.conversationId);
    expect(JSON.stringify(lastBody().messages[0])).toContain(PIXEL_PNG_BASE64);
    expect(JSON.stringify(lastBody().messages[0])).toContain('Line two');

    // An edit keeps the message's files.
    const edited = await h.chat.edit({ conversationId: sent.conversationId, messageId: sent.userMessageId, text: 'Look again', providerId: provider.id });
    await ended(edited.assistantMessageId);
    expect((await h.store.listAttachments(edited.userMessageId)).map((a) => a.fileName)).toEqual(['notes.txt', 'pixel.png']);
    expect(JSON.stringify(lastBody().messages)).toContain(PIXEL_PNG_BASE64);
    expect(next.userMessageId).not.toBe(edited.userMessageId);
  });

  it('refuses an image for a model the catalog says takes none, storing nothing', async () => {
    const provider = await h.addProvider('openai-chat', 'o3-mini');
    const attachments = [{ fileName: 'pixel.png', mime: 'image/png', dataBase64: PIXEL_PNG_BASE64 }];
    await expect(h.chat.send({ providerId: provider.id, text: 'See this?', attachments })).rejects.toMatchObject({
      code: 'attachment.no_vision',
      message: expect.stringMatching(/o3-mini does not take images, so “pixel.png” cannot be sent/),
    });
    expect(await h.store.listConversations(10)).toEqual([]);
  });

  it('leaves earlier images out, with a note, for a model that takes none', async () => {
    const seeing = await h.addProvider('openai-chat', 'echo');
    const blind = await h.addProvider('openai-chat', 'o3-mini');
    const attachments = [{ fileName: 'pixel.png', mime: 'image/png', dataBase64: PIXEL_PNG_BASE64 }];
    const sent = await h.chat.send({ providerId: seeing.id, text: 'A picture', attachments });
    await ended(sent.assistantMessageId);
    const requests = server.requests.length;
    // o3-mini is no fixture scenario, so its reply fails; the request is what matters.
    const next = await h.chat.send({ conversationId: sent.conversationId, providerId: blind.id, text: 'Describe it' });
    await ended(next.assistantMessageId);
    expect(server.requests.length).toBe(requests + 1);
    const [first] = lastBody().messages;
    expect(JSON.stringify(first)).not.toContain(PIXEL_PNG_BASE64);
    expect(textOf(first!.content)).toBe('[The image “pixel.png” was left out: o3-mini does not take images.]\n\nA picture');
  });

  it('refuses a file over the size limit, and one that is neither an image nor text', async () => {
    const provider = await h.addProvider('openai-chat', 'echo');
    const big = Buffer.alloc(ATTACHMENT_LIMITS.fileBytes + 1, 0x61).toString('base64');
    await expect(h.chat.send({ providerId: provider.id, text: 'Big', attachments: [{ fileName: 'big.txt', mime: 'text/plain', dataBase64: big }] })).rejects.toMatchObject({
      code: 'attachment.too_large',
      message: expect.stringMatching(/“big.txt” is 4.0 MB; a file can be at most 4.0 MB/),
    });
    const binary = Buffer.from([0x00, 0xff, 0x10, 0x80]).toString('base64');
    await expect(h.chat.send({ providerId: provider.id, text: 'Bin', attachments: [{ fileName: 'x.bin', mime: '', dataBase64: binary }] })).rejects.toMatchObject({
      code: 'attachment.unsupported',
    });
    expect(await h.store.listConversations(10)).toEqual([]);
  });
});
