// A device for sync tests and benches: a whole core on its own data folder, with
// a real store and the passphrase key file as its vault (unlocked), so its sign-in
// lands in a real vault.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../../src-shared/api/contract';
import type { SyncStatus } from '../../../../src-shared/api/methods/sync';
import { createCore, type Core } from '../../app';
import { createLogger, SecretRedactor } from '../../log/logger';
import { dataPaths } from '../../paths';
import { openStore, type LocalStore } from '../../store';
import { KEY_FILE_NAME, openKeyVault } from '../../vault';
import type { ManagedVault } from '../../vault/types';
import { syncVaultSlot } from '../credentials';

export const DEVICE_PASSPHRASE = 'correct horse battery staple';

export interface Device {
  dataDir: string;
  core: Core;
  /** The raw store (writes through it do not wake sync: call `core.sync.nudge()`). */
  store: LocalStore;
  vault: ManagedVault;
  events: { event: EventName; payload: unknown }[];
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The sign-in secret as the vault holds it (tests check rotation and revocation with it). */
  credentials(): Promise<{ accessToken: string; refreshToken: string } | null>;
  /** Resolves with the first `sync.status` (seen now or later) that matches. */
  waitForStatus(match: (status: SyncStatus) => boolean, ms?: number): Promise<SyncStatus>;
  /** Closes the core; the data folder is removed unless `keep`. */
  close(options?: { keep?: boolean }): Promise<void>;
}

export async function openDevice(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-device-'))): Promise<Device> {
  const store = await openStore({ file: dataPaths(dataDir).database });
  const redactor = new SecretRedactor();
  const { vault } = await openKeyVault({
    store,
    keychain: false,
    passphraseFile: { file: path.join(dataDir, KEY_FILE_NAME) },
    safeStorage: null,
    secrets: redactor,
    log: createLogger({ dir: null, redactor }),
  });
  await vault.unlock(DEVICE_PASSPHRASE);
  const core = await createCore({ dataDir, transport: 'browser', vault, store: Promise.resolve(store) });
  const events: Device['events'] = [];
  const waiters = new Set<{ match: (status: SyncStatus) => boolean; resolve: (status: SyncStatus) => void }>();
  core.onEvent(<E extends EventName>(event: E, payload: EventPayload<E>) => {
    events.push({ event, payload });
    if (event !== 'sync.status') return;
    for (const waiter of waiters) {
      if (waiter.match(payload as SyncStatus)) {
        waiters.delete(waiter);
        waiter.resolve(payload as SyncStatus);
      }
    }
  });
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const reply = await core.dispatch(method, input);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.result as MethodOutput<M>;
  };
  return {
    dataDir,
    core,
    store,
    vault,
    events,
    call,
    async credentials() {
      const text = await vault.get(syncVaultSlot(store.nodeId));
      return text === null ? null : (JSON.parse(text) as { accessToken: string; refreshToken: string });
    },
    async waitForStatus(match, ms = 20_000) {
      const now = await call('sync.status', {});
      if (match(now)) return now;
      return new Promise<SyncStatus>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (status: SyncStatus) => {
            clearTimeout(timer);
            resolve(status);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = events.filter((e) => e.event === 'sync.status').slice(-5);
          reject(new Error(`No matching sync status within ${ms} ms; the last ones: ${JSON.stringify(seen)}`));
        }, ms);
        waiters.add(waiter);
      });
    },
    async close(options = {}) {
      await core.close();
      if (!options.keep) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 20_000, what = 'the condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
