// The send path with real parts: a SQLite store file, the passphrase-file vault and
// the local provider server speaking OpenAI's wire format.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../src-shared/api/contract';
import { uuidv7 } from '../../../src-shared/ids';
import { FLOOD_DELTA, REASONING_DELTAS, startProviderServer, type ProviderServer } from '../../../e2e/fixtures/provider-server';
import type { Logger } from '../log/logger';
import { openStore, type LocalStore } from '../store';
import { createPassphraseVault } from '../vault';
import type { Vault } from '../vault/types';
import { ChatService } from './chat-service';

const apiKey = 'sk-chat-service-test-5b1e';
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
let server: ProviderServer;
let dir: string;
let store: LocalStore;
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
    const stored = async () => (await store.getConversation(sent.conversationId))!.messages.find((m) => m.id === sent.assistantMessageId)!;
    await expect.poll(async () => (await stored()).content.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const reply = await stored();
    expect(reply.status).toBe('streaming');
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

describe('what a reply records', () => {
  it('puts every call in the usage ledger with tokens, cost, time to first token and outcome', async () => {
    await chat.overrides.save({ id: 'echo', kind: 'openai-compatible', label: 'Echo', contextWindow: null, maxOutputTokens: null, capabilities: { vision: false, tools: false, reasoning: false }, price: { inputPerMTok: 5, outputPerMTok: 20 } });
    const provider = await addProvider('echo');
    const sent = await chat.send({ providerId: provider.id, text: 'Count my cost' });
    const end = await ended(sent.assistantMessageId);
    const failed = await addProvider('error-404');
    const lost = await chat.send({ providerId: failed.id, text: 'Nobody home' });
    await ended(lost.assistantMessageId);

    const rows = await store.queryUsage({ limit: 10 });
    const ok = rows.find((r) => r.messageId === sent.assistantMessageId)!;
    expect(ok).toMatchObject({ providerId: provider.id, model: 'echo', inputTokens: 3, outputTokens: 5, outcome: 'done', errorCode: null, conversationId: sent.conversationId });
    expect(ok.costUsd).toBeCloseTo((3 * 5 + 5 * 20) / 1e6, 12);
    expect(ok.ttftMs).toBeGreaterThan(0);
    expect(ok.durationMs).toBeGreaterThanOrEqual(ok.ttftMs!);
    expect(end.metrics).toMatchObject({ costUsd: ok.costUsd, attempts: 1, model: 'echo' });
    const bad = rows.find((r) => r.messageId === lost.assistantMessageId)!;
    expect(bad).toMatchObject({ outcome: 'error', errorCode: 'provider.not_found', costUsd: null, ttftMs: null });
  });

  it('records a stopped reply as cancelled', async () => {
    const provider = await addProvider('slow');
    const sent = await chat.send({ providerId: provider.id, text: 'Stop me' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    chat.stop(sent.assistantMessageId);
    await ended(sent.assistantMessageId);
    const [row] = await store.queryUsage({ limit: 1 });
    expect(row).toMatchObject({ messageId: sent.assistantMessageId, outcome: 'cancelled' });
  });

  it("sends the persona's system prompt and parameters, and uses its provider by default", async () => {
    const provider = await addProvider('echo');
    const now = Date.now();
    const persona = await store.savePersona({
      id: uuidv7(),
      name: 'Terse',
      description: '',
      systemPrompt: 'You are terse.',
      icon: null,
      settings: { providerId: provider.id, temperature: 0.2, topP: 0.9, maxOutputTokens: 300 },
      createdAt: now,
      updatedAt: now,
    });
    const sent = await chat.send({ personaId: persona.id, text: 'Hi persona' });
    await ended(sent.assistantMessageId);
    const body = server.requests.at(-1)!.body as Record<string, unknown>;
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Hi persona' },
    ]);
    expect(body).toMatchObject({ temperature: 0.2, top_p: 0.9, max_tokens: 300 });
  });

  it('tells the renderer about a retry after a 429 before the first token, then streams', async () => {
    const provider = await addProvider('flaky-429');
    const sent = await chat.send({ providerId: provider.id, text: 'Rate limit me once' });
    const end = await ended(sent.assistantMessageId);
    expect(end.status).toBe('done');
    expect(end.metrics!.attempts).toBe(2);
    const retry = events.find((e) => e.event === 'stream.retry')!.payload as EventPayload<'stream.retry'>;
    expect(retry).toMatchObject({ messageId: sent.assistantMessageId, attempt: 1, error: { code: 'provider.rate_limited' } });
    expect(retry.delayMs).toBeGreaterThanOrEqual(1000);
  }, 10_000);
});

/** An Anthropic provider on the replay server whose model (`reasoning` or `slow-reasoning`) the catalog says reasons. */
async function addThinker(model: 'reasoning' | 'slow-reasoning', price: { inputPerMTok: number; outputPerMTok: number } | null) {
  const now = Date.now();
  const provider = await store.saveProvider({ id: uuidv7(), name: 'Claude fixture', kind: 'anthropic', baseUrl: server.urlFor('anthropic'), model, createdAt: now, updatedAt: now });
  await vault.set(provider.id, apiKey);
  await chat.overrides.save({ id: model, kind: 'anthropic', label: 'Thinker', contextWindow: null, maxOutputTokens: null, capabilities: { vision: false, tools: false, reasoning: true }, price });
  return provider;
}

describe('after a restart', () => {
  it("still shows a reply's tokens, its cost and time to first token (the ledger's values) and its reasoning", async () => {
    const provider = await addThinker('reasoning', { inputPerMTok: 3, outputPerMTok: 15 });
    const sent = await chat.send({ providerId: provider.id, text: 'Think and count' });
    const end = await ended(sent.assistantMessageId);
    const [ledger] = await store.queryUsage({ limit: 1 });
    expect(ledger!.costUsd).toBeGreaterThan(0);
    expect(ledger!.ttftMs).toBeGreaterThan(0);
    expect(end.message).toMatchObject({ costUsd: ledger!.costUsd, ttftMs: ledger!.ttftMs, reasoning: REASONING_DELTAS.join('') });

    await chat.stopAll();
    await store.close();
    store = await openStore({ file: path.join(dir, 'store.sqlite') });
    const reply = (await store.getConversation(sent.conversationId))!.messages.find((m) => m.id === sent.assistantMessageId)!;
    expect(reply).toMatchObject({
      status: 'done',
      usage: { inputTokens: ledger!.inputTokens, outputTokens: ledger!.outputTokens },
      costUsd: ledger!.costUsd,
      ttftMs: ledger!.ttftMs,
      reasoning: REASONING_DELTAS.join(''),
    });
  });
});

describe('reasoning', () => {
  it('streams reasoning apart from the answer for a model the catalog says reasons', async () => {
    const provider = await addThinker('reasoning', null);
    const sent = await chat.send({ providerId: provider.id, text: 'Think first' });
    const end = await ended(sent.assistantMessageId);
    expect(end.message.content).toBe('You said: Think first');
    expect(end.reasoning).toBe(REASONING_DELTAS.join(''));
    const streamed = events.filter((e) => e.event === 'stream.reasoning').map((e) => (e.payload as { text: string }).text);
    expect(streamed.join('')).toBe(end.reasoning);
    expect((server.requests.at(-1)!.body as { thinking?: unknown }).thinking).toMatchObject({ type: 'enabled' });
  });

  it('flushes the reasoning to SQLite while the answer is still streaming, so a crash keeps it', async () => {
    const provider = await addThinker('slow-reasoning', null);
    const sent = await chat.send({ providerId: provider.id, text: 'Think, then answer slowly' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const midway = (await store.getConversation(sent.conversationId))!.messages.find((m) => m.id === sent.assistantMessageId)!;
    expect(midway).toMatchObject({ status: 'streaming', reasoning: REASONING_DELTAS.join('') });
    chat.stop(sent.assistantMessageId);
    expect((await ended(sent.assistantMessageId)).status).toBe('interrupted');
  });
});

describe('a reply that does not stop', () => {
  it('ends with a "reply too long" error at the limit, keeping the text up to it', async () => {
    const limited = new ChatService({ store, vault, log: silent, emit: (event, payload) => events.push({ event, payload }), flushIntervalMs: 20, maxReplyChars: 200_000 });
    const provider = await addProvider('flood');
    const sent = await limited.send({ providerId: provider.id, text: 'flood 2' });
    const end = await ended(sent.assistantMessageId);
    expect(end.status).toBe('error');
    expect(end.error).toMatchObject({ code: 'reply.too_long', message: expect.stringMatching(/passed 200,000 characters.*text up to that point is kept/) });
    const expected = FLOOD_DELTA.repeat(4).slice(0, 200_000);
    expect(end.message.content).toBe(expected);
    const deltas = events.filter((e) => e.event === 'stream.delta').map((e) => (e.payload as { text: string }).text);
    expect(deltas.join('')).toBe(expected);
    const stored = (await store.getConversation(sent.conversationId))!.messages[1]!;
    expect(stored).toMatchObject({ status: 'error', content: expected, error: { code: 'reply.too_long' } });
  });
});
