// The send path with real parts: a SQLite store file, the passphrase-file vault and
// the local provider server speaking OpenAI's wire format.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../src-shared/api/contract';
import { uuidv7 } from '../../../src-shared/ids';
import { startProviderServer, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import type { Logger } from '../log/logger';
import { openStore } from '../store';
import type { ConversationStore } from '../store/types';
import { createPassphraseVault } from '../vault';
import type { Vault } from '../vault/types';
import { ChatService } from './chat-service';

const apiKey = 'sk-chat-service-test-5b1e';
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
let server: ProviderServer;
let dir: string;
let store: ConversationStore;
let vault: Vault;
let events: { event: EventName; payload: unknown }[];
let chat: ChatService;

beforeAll(async () => {
  server = await startProviderServer({ apiKey, tokenDelayMs: 10 });
});
afterAll(() => server.close());

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-chat-'));
  store = await openStore({ file: path.join(dir, 'store.sqlite') });
  vault = await createPassphraseVault({ file: path.join(dir, 'keys.vault'), passphrase: 'correct horse battery', kdf: { log2N: 10, r: 8, p: 1 } });
  events = [];
  chat = new ChatService({
    store,
    vault,
    log: silent,
    emit: (event, payload) => events.push({ event, payload }),
    flushIntervalMs: 50,
  });
});

afterEach(async () => {
  await chat.stopAll();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function addProvider(model: string) {
  const now = Date.now();
  const provider = await store.saveProvider({
    id: uuidv7(),
    name: `Fixture ${model}`,
    kind: 'openai-compatible',
    baseUrl: server.url,
    model,
    createdAt: now,
    updatedAt: now,
  });
  await vault.set(provider.id, apiKey);
  return provider;
}

function ended(messageId: string): Promise<EventPayload<'stream.end'>> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      const found = events.find((e) => e.event === 'stream.end' && (e.payload as { messageId: string }).messageId === messageId);
      if (found) {
        clearInterval(check);
        resolve(found.payload as EventPayload<'stream.end'>);
      }
    }, 5);
  });
}

describe('sending a message', () => {
  it('stores the question, streams coalesced deltas and stores the reply with usage', async () => {
    const provider = await addProvider('echo');
    const sent = await chat.send({ providerId: provider.id, text: 'Hello, store' });
    const end = await ended(sent.assistantMessageId);
    expect(end.status).toBe('done');
    expect(end.message.content).toBe('You said: Hello, store');
    expect(end.usage.outputTokens).toBeGreaterThan(0);
    const deltas = events.filter((e) => e.event === 'stream.delta').map((e) => (e.payload as { text: string }).text);
    expect(deltas.join('')).toBe('You said: Hello, store');

    const stored = await store.getConversation(sent.conversationId);
    expect(stored!.conversation.title).toBe('Hello, store');
    expect(stored!.messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ['user', 'done', 'Hello, store'],
      ['assistant', 'done', 'You said: Hello, store'],
    ]);
    expect(stored!.messages[1]!.parentId).toBe(sent.userMessageId);
  });

  it('sends the earlier turns of the conversation as history', async () => {
    const provider = await addProvider('echo');
    const first = await chat.send({ providerId: provider.id, text: 'First question' });
    await ended(first.assistantMessageId);
    const second = await chat.send({ conversationId: first.conversationId, providerId: provider.id, text: 'Second question' });
    await ended(second.assistantMessageId);
    const body = server.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[0]!.content).toBe('First question');
    const stored = await store.getConversation(first.conversationId);
    expect(stored!.messages[2]!.parentId).toBe(first.assistantMessageId);
  });

  it('flushes streamed text to SQLite while the reply is still streaming', async () => {
    const provider = await addProvider('slow');
    const sent = await chat.send({ providerId: provider.id, text: 'Go slowly' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const midway = await store.getConversation(sent.conversationId);
    const reply = midway!.messages.find((m) => m.id === sent.assistantMessageId)!;
    expect(reply.status).toBe('streaming');
    expect(reply.content.length).toBeGreaterThan(0);
    expect(chat.stop(sent.assistantMessageId)).toBe(true);
    const end = await ended(sent.assistantMessageId);
    expect(end.status).toBe('interrupted');
    expect(end.message.content.startsWith(reply.content)).toBe(true);
  });

  it('keeps the text that arrived when the stream is cut, with a sentence saying what happened', async () => {
    const provider = await addProvider('cut');
    const sent = await chat.send({ providerId: provider.id, text: 'Tell me a story' });
    const end = await ended(sent.assistantMessageId);
    expect(end.status).toBe('error');
    expect(end.error!.code).toBe('provider.stream_broken');
    expect(end.message.content.length).toBeGreaterThan(0);
  });

  it('explains a rejected key and never puts the key in the stored error', async () => {
    const provider = await addProvider('echo');
    await vault.set(provider.id, 'sk-wrong-key-for-this-test-99');
    const sent = await chat.send({ providerId: provider.id, text: 'Hi' });
    const end = await ended(sent.assistantMessageId);
    expect(end.status).toBe('error');
    expect(end.error!.code).toBe('provider.auth');
    expect(end.error!.message).toMatch(/API key/);
    expect(JSON.stringify(end)).not.toContain('sk-wrong-key-for-this-test-99');
  });

  it('refuses a provider that does not exist, storing nothing', async () => {
    await expect(chat.send({ providerId: uuidv7(), text: 'Hi' })).rejects.toMatchObject({ code: 'provider.missing' });
    expect(await store.listConversations(10)).toEqual([]);
  });
});
