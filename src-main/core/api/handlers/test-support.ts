// The handler tests' harness: a real store in a temp folder behind the real
// dispatcher, so every input and output passes its schema as the renderer's do.
// The chat service is reduced to its event sink (recorded in `events`) and log.
import path from 'node:path';
import { beforeEach } from 'vitest';
import type { ChatService } from '../../chat/chat-service';
import { FileGrants } from '../../files/grants';
import { createLogger, SecretRedactor } from '../../log/logger';
import { useTempStores } from '../../store/testing';
import type { LocalStore } from '../../store';
import { SyncService } from '../../sync/sync-service';
import type { ManagedVault } from '../../vault/types';
import { createDispatcher, type Dispatch } from '../dispatcher';
import { createHandlers } from './index';

export interface HandlerHarness {
  /** The store of the current test. */
  readonly store: LocalStore;
  /** Events the handlers emitted in the current test, oldest first. */
  readonly events: { event: string; payload: unknown }[];
  /** The dispatcher's reply as it is (ok or not). */
  dispatch: Dispatch;
  /** The grants of the current test: mint one for a file as the shell or the host would. */
  readonly files: FileGrants;
  /** Moves the grants' clock on (they expire after GRANT_TTL_MS). */
  advanceClock(ms: number): void;
  /** Calls a method through the dispatcher; a failure throws an Error carrying the reply's code. */
  call<T>(method: string, input: unknown): Promise<T>;
}

export function useHandlers(): HandlerHarness {
  const stores = useTempStores();
  let dispatch: Dispatch;
  let clockOffset = 0;
  const harness = {
    store: undefined as unknown as LocalStore,
    events: [] as { event: string; payload: unknown }[],
    files: undefined as unknown as FileGrants,
    advanceClock(ms: number) {
      clockOffset += ms;
    },
    dispatch: ((method, input) => dispatch(method, input)) as Dispatch,
    async call<T>(method: string, input: unknown): Promise<T> {
      const reply = await dispatch(method, input);
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
      return reply.result as T;
    },
  };
  beforeEach(async () => {
    const store = await stores.open();
    harness.store = store;
    harness.events = [];
    const redactor = new SecretRedactor();
    const log = createLogger({ dir: path.join(path.dirname(store.file), 'logs'), redactor });
    const chat = { emit: (event: string, payload: unknown) => harness.events.push({ event, payload }), log } as unknown as ChatService;
    clockOffset = 0;
    harness.files = new FileGrants({ now: () => Date.now() + clockOffset });
    const vault = {} as ManagedVault;
    const sync = new SyncService({ store, vault, secrets: redactor, emit: chat.emit, log });
    dispatch = createDispatcher(createHandlers({ store, vault, chat, sync, redactor, transport: 'browser', files: harness.files }), log);
  });
  return harness;
}
