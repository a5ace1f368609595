// The store's second entry, for tests and benchmarks only: real database files in
// fresh temp folders, messages and exports to put in them, and the ids an import
// gives. The app itself imports the store from ../index.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { uuidv7 } from '../../../../src-shared/ids';
import { openStore } from '../index';
import type { LocalStore, NewMessage } from '../interfaces';

export { derivedTimeId } from '../repositories/derived-id';

/** A small file in a real export format, from import/fixtures (chatgpt-conversations.json, claude-conversations.json...). */
export function exportFixture(name: string): string {
  return fileURLToPath(new URL(`../import/fixtures/${name}`, import.meta.url));
}

export interface TempStores {
  /** A path for a new database file in its own temp folder. */
  file(): string;
  /** Opens a store; it is closed after the test if the test did not close it. */
  open(file?: string): Promise<LocalStore>;
}

/** Call once per test file: temp folders and stores are cleaned up after each test. */
export function useTempStores(): TempStores {
  const dirs: string[] = [];
  const stores: LocalStore[] = [];
  afterEach(async () => {
    await Promise.allSettled(stores.splice(0).map((store) => store.close()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rmllm-store-'));
    dirs.push(dir);
    return join(dir, 'conversations.db');
  };
  return {
    file,
    async open(path = file()) {
      const store = await openStore({ file: path });
      stores.push(store);
      return store;
    },
  };
}

export function userMessage(conversationId: string, parentId: string | null, content: string): NewMessage {
  return { id: uuidv7(), conversationId, parentId, role: 'user', content, status: 'done', providerId: null, model: null };
}

export function streamingReply(conversationId: string, parentId: string | null): NewMessage {
  return {
    id: uuidv7(),
    conversationId,
    parentId,
    role: 'assistant',
    content: '',
    status: 'streaming',
    providerId: uuidv7(),
    model: 'test-model',
  };
}

/** `conversations` ChatGPT conversations, made in memory, each a question and its answer; the question repeats its words `repeat` times, the answer three times as often. */
export function chatGptConversations(conversations: number, repeat = 20) {
  return Array.from({ length: conversations }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    title: `conversation ${i}`,
    create_time: 1700000000 + i,
    current_node: 'b',
    mapping: {
      a: { id: 'a', parent: null, children: ['b'], message: { author: { role: 'user' }, create_time: 1700000000 + i, content: { content_type: 'text', parts: [`question ${i} `.repeat(repeat)] } } },
      b: { id: 'b', parent: 'a', children: [], message: { author: { role: 'assistant' }, create_time: 1700000001 + i, content: { content_type: 'text', parts: [`answer ${i} `.repeat(repeat * 3)] }, metadata: { model_slug: 'gpt-4o' } } },
    },
  }));
}
