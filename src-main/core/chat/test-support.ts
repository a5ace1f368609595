// Shared by the chat tests: a real SQLite store, the passphrase-file vault, the
// chat, compare and pipeline services, and the local provider server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload } from '../../../src-shared/api/contract';
import type { ProviderKind } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import type { ProviderSettings } from '../../../src-shared/entities/provider-settings';
import type { Logger } from '../log/logger';
import { openStore, type LocalStore } from '../store';
import { createPassphraseVault } from '../vault';
import type { Vault } from '../vault/types';
import { CallRunner } from './call-runner';
import { ChatService } from './chat-service';
import { CompareService } from './compare-service';
import { PipelineService } from './pipeline-service';

export const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export interface Recorded {
  event: EventName;
  payload: unknown;
}

export interface ChatHarness {
  store: LocalStore;
  vault: Vault;
  chat: ChatService;
  compare: CompareService;
  pipelines: PipelineService;
  events: Recorded[];
  payloads<E extends EventName>(event: E): EventPayload<E>[];
  addProvider(kind: ProviderKind, model: string, settings?: ProviderSettings): Promise<{ id: string; name: string }>;
  /** Resolves with the first event of that name the predicate accepts (waiting for it if need be). */
  waitFor<E extends EventName>(event: E, accept?: (payload: EventPayload<E>) => boolean, timeoutMs?: number): Promise<EventPayload<E>>;
  close(): Promise<void>;
}

/** The local provider server (e2e/fixtures/provider-server.ts), as far as this harness needs it. */
export interface ProviderFixture {
  urlFor(kind: ProviderKind): string;
}

export async function chatHarness(server: ProviderFixture, apiKey: string): Promise<ChatHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rml-chat-'));
  const store = await openStore({ file: path.join(dir, 'store.sqlite') });
  const vault = await createPassphraseVault({ file: path.join(dir, 'keys.vault'), passphrase: 'correct horse battery', kdf: { log2N: 10, r: 8, p: 1 } });
  const events: Recorded[] = [];
  const waiters = new Set<() => void>();
  const emit = (event: EventName, payload: unknown) => {
    events.push({ event, payload });
    for (const wake of waiters) wake();
  };
  const runner = new CallRunner({ store, log: silent, retryPolicy: { baseDelayMs: 10, maxDelayMs: 20 } });
  const chat = new ChatService({ store, vault, emit, log: silent, runner, flushIntervalMs: 50 });
  const compare = new CompareService({ store, chat, emit });
  const pipelines = new PipelineService({ store, chat, emit, log: silent });
  let count = 0;
  return {
    store,
    vault,
    chat,
    compare,
    pipelines,
    events,
    payloads: <E extends EventName>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
    async addProvider(kind, model, settings) {
      const now = Date.now();
      count += 1;
      const provider = await store.saveProvider({
        id: uuidv7(),
        name: `Fixture ${count} ${kind}`,
        kind,
        baseUrl: server.urlFor(kind),
        model,
        createdAt: now,
        updatedAt: now,
      });
      if (settings) await store.setProviderSettings(provider.id, settings);
      await vault.set(provider.id, apiKey);
      return provider;
    },
    waitFor(event, accept = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find((e) => e.event === event && accept(e.payload as never));
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found.payload as never);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${event} event within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      await pipelines.stopAll();
      await chat.stopAll();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
