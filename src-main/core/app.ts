// Composes the core: store, vault, providers and chat behind the API handler table.
// The same core runs under Electron, under the browser host and in tests.
import fs from 'node:fs';
import path from 'node:path';
import type { EventName, EventPayload, Handlers } from '../../src-shared/api/contract';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import { ChatService } from './chat/chat-service';
import { CompareService } from './chat/compare-service';
import { PipelineService } from './chat/pipeline-service';
import { FileGrants } from './files/grants';
import { createLogger, SecretRedactor, type Logger } from './log/logger';
import { dataPaths } from './paths';
import { preloadSdks } from './providers';
import { startBackupScheduler } from './backup-schedule';
import { openStore, type LocalStore } from './store';
import { nudgeOnWrites } from './sync/nudge-on-writes';
import { SyncService } from './sync/sync-service';
import { KEY_FILE_NAME, openKeyVault, type SafeStorageLike } from './vault';
import type { ManagedVault } from './vault/types';

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface CoreOptions {
  dataDir: string;
  transport: 'electron' | 'browser';
  /** Defaults to the vault opened at start: keychain, then safeStorage, then the passphrase key file. */
  vault?: ManagedVault;
  /** Electron's safeStorage, handed in by the desktop shell (the core never imports electron). */
  safeStorage?: SafeStorageLike;
  /** Opens a page in the system browser (the desktop shell's shell.openExternal); browser mode has none, and the renderer opens it. */
  openExternal?: (url: string) => Promise<void>;
  /** Also print log lines to stderr. */
  echoLog?: boolean;
  flushIntervalMs?: number;
  /**
   * The store, already opening (`openStore` on `dataPaths(dataDir).database`):
   * the browser host starts it before loading the rest of the app, so the store's
   * thread starts on the second core while this one loads modules.
   */
  store?: Promise<LocalStore>;
}

export interface Core {
  readonly dataDir: string;
  readonly dispatch: Dispatch;
  readonly handlers: Handlers;
  readonly log: Logger;
  readonly redactor: SecretRedactor;
  readonly sync: SyncService;
  /**
   * Grants for files the user chose: Electron's main process mints them from its
   * dialogs, the browser host from uploads and allowed folders; the page only
   * hands them back.
   */
  readonly files: FileGrants;
  /** Subscribes to every event the core pushes; returns the unsubscribe. */
  onEvent(listener: CoreEventListener): () => void;
  close(): Promise<void>;
}

/** Conversations and keys' records live here: say so when other accounts can read it (it is made 0700, but may be older or moved). */
function warnIfShared(dataDir: string, log: Logger): void {
  if (process.platform === 'win32') return;
  const mode = fs.statSync(dataDir).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    log.warn(`other users of this computer can read the data folder ${dataDir}; make it private with: chmod 700 "${dataDir}"`, {
      mode: mode.toString(8),
    });
  }
}

/** How long after start-up the providers' SDKs are loaded. */
const SDK_PRELOAD_DELAY_MS = 1_500;

export async function createCore(options: CoreOptions): Promise<Core> {
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const paths = dataPaths(options.dataDir);
  const redactor = new SecretRedactor();
  const log = createLogger({ dir: paths.logs, redactor, echo: options.echoLog ?? false });
  warnIfShared(options.dataDir, log);
  const opened = await (options.store ?? openStore({ file: paths.database }));
  const backups = startBackupScheduler(opened, { onError: (error) => log.error('scheduled backup failed', { error }) });
  const vault =
    options.vault ??
    (
      await openKeyVault({
        store: opened,
        passphraseFile: { file: path.join(options.dataDir, KEY_FILE_NAME) },
        safeStorage: options.safeStorage ? { api: options.safeStorage } : null,
        secrets: redactor,
        log,
      })
    ).vault;
  const listeners = new Set<CoreEventListener>();
  const emit: CoreEventListener = (event, payload) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        log.error('event listener failed', { event, error });
      }
    }
  };
  const sync = new SyncService({
    store: opened,
    vault,
    secrets: redactor,
    emit,
    log,
    ...(options.openExternal && { openExternal: options.openExternal }),
  });
  // Every write that may queue a change tells sync, which pushes it at once.
  const store = nudgeOnWrites(opened, () => sync.nudge());
  const chat = new ChatService({
    store,
    vault,
    emit,
    log,
    ...(options.flushIntervalMs !== undefined && { flushIntervalMs: options.flushIntervalMs }),
  });
  const compare = new CompareService({ store, chat, emit });
  const pipelines = new PipelineService({ store, chat, emit, log });
  // Copies left by an import the app did not live to finish.
  fs.rmSync(paths.uploads, { recursive: true, force: true });
  const files = new FileGrants();
  const handlers = createHandlers({ store, vault, chat, compare, pipelines, sync, redactor, transport: options.transport, files });
  log.info('core started', { transport: options.transport, vault: vault.backend });
  // The SDKs of the providers in use load once start-up is over, so the first reply does not wait for them.
  const preload = setTimeout(() => {
    store.listProviders().then((providers) => preloadSdks(providers.map((p) => p.kind)), () => {});
  }, SDK_PRELOAD_DELAY_MS);
  preload.unref();
  return {
    dataDir: options.dataDir,
    dispatch: createDispatcher(handlers, log),
    handlers,
    log,
    redactor,
    sync,
    files,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      clearTimeout(preload);
      await pipelines.stopAll();
      // Replies keep their text so far; the next start marks them interrupted.
      await chat.quit();
      await sync.close();
      backups.stop();
      files.clear();
      await store.close();
      listeners.clear();
      log.info('core stopped');
    },
  };
}
