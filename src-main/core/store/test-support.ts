// Helpers for the store's tests: a real database file in a fresh temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { uuidv7 } from '../../../src-shared/ids';
import { openStore } from './index';
import type { ConversationStore, NewMessage } from './types';

export interface TempStores {
  /** A path for a new database file in its own temp folder. */
  file(): string;
  /** Opens a store; it is closed after the test if the test did not close it. */
  open(file?: string): Promise<ConversationStore>;
}

/** Call once per test file: temp folders and stores are cleaned up after each test. */
export function useTempStores(): TempStores {
  const dirs: string[] = [];
  const stores: ConversationStore[] = [];
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
