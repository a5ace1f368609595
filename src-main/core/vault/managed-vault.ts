// The vault the core uses: several labelled keys per provider, one default each,
// every key recorded in SQLite (vault_records) with the backend that holds it.
// New keys go to the active backend; keys already saved are read from wherever
// their record says, so changing backend never strands them, and `migrate`
// moves them (see migrate.ts). Calls run one at a time, so a move, a save and a
// read never interleave.
import { AppError } from '../../../src-shared/api/errors';
import type { KeyCheck, MigrationReport, VaultReason, VaultStatus } from '../../../src-shared/api/methods/vault';
import { Id, type KeyBackend as BackendId, type KeyStatus } from '../../../src-shared/domain';
import type { VaultRecord } from '../../../src-shared/entities/vault-records';
import { uuidv7 } from '../../../src-shared/ids';
import type { KeyBackend } from './backend';
import {
  BACKEND_NAMES,
  defaultRecord,
  keyProblem,
  keyRef,
  keyStatuses,
  keyStatusOf,
  noKeyStatus,
  readRecord,
  type VaultContext,
  type VaultLog,
} from './key-records';
import { checkLabel, checkProviderId, DEFAULT_LABEL, keyHint, normaliseKey, parseSlot, slotFor } from './key-status';
import { moveKeys } from './migrate';
import type { SafeStorageBackend } from './safe-storage-backend';
import type { ManagedVault, PassphraseVault, SecretSink, VaultStore } from './types';
import { saveBackendSetting, savePlaintextConsent, type VaultSettings } from './vault-settings';

const LABEL_OK = (label: string) => {
  try {
    return checkLabel(label) === label;
  } catch {
    return false;
  }
};

export interface ManagedVaultOptions {
  store: VaultStore;
  /** Every backend this run can use. */
  backends: KeyBackend[];
  /** The key file behind the 'passphrase-file' backend, for unlock and lock. */
  passphraseFile?: PassphraseVault | null;
  /** The safeStorage backend, to tell whether it would store plaintext. */
  safeStorage?: SafeStorageBackend | null;
  /** Where new keys go, and why (shown in the status line). */
  active: { backend: BackendId; reason: VaultReason };
  /** Updated in place when consent or the backend changes, so the safeStorage backend reads the current consent. */
  settings: VaultSettings;
  secrets?: SecretSink;
  log?: VaultLog;
  now?: () => number;
}

export interface ManagedVaultHandle extends ManagedVault {
  /** Records keys that ready backends held before keys had records (the keychain of earlier versions), once. */
  adoptEarlierKeys(): Promise<void>;
}

export function createManagedVault(options: ManagedVaultOptions): ManagedVaultHandle {
  const { store } = options;
  const now = options.now ?? Date.now;
  const backends = new Map(options.backends.map((backend) => [backend.id, backend]));
  const ctx: VaultContext = { store, backends, problems: new Map(), secrets: options.secrets, log: options.log };
  const { settings } = options;
  let active = { ...options.active };
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  }

  function backendOf(id: BackendId): KeyBackend {
    const backend = backends.get(id);
    if (!backend) {
      throw new AppError('vault.backend_unavailable', `${BACKEND_NAMES[id]} cannot be used in this run${id === 'safe-storage' ? ' (only the desktop app has it)' : ''}.`, {
        backend: id,
      });
    }
    return backend;
  }

  /** The backend, if it can take keys now; otherwise its error, which says what to do. */
  async function ready(id: BackendId): Promise<KeyBackend> {
    const backend = backendOf(id);
    const health = await backend.health();
    if (health.state !== 'ready') throw health.error;
    return backend;
  }

  async function remember(backend: BackendId): Promise<void> {
    if (settings.backend === backend) return;
    await saveBackendSetting(store, backend);
    settings.backend = backend;
  }

  async function recordsOf(provider: string): Promise<VaultRecord[]> {
    return store.listVaultRecords(provider);
  }

  async function statusOf(provider: string): Promise<KeyStatus> {
    const chosen = defaultRecord(await recordsOf(provider));
    return chosen ? keyStatusOf(chosen, true, ctx.problems.get(chosen.id)) : noKeyStatus(provider);
  }

  /** Makes `chosen` the provider's only default record. */
  async function markDefault(records: readonly VaultRecord[], chosen: VaultRecord): Promise<void> {
    if (!chosen.isDefault) await store.putVaultRecord({ ...chosen, isDefault: true });
    for (const other of records) {
      if (other.id !== chosen.id && other.isDefault) await store.putVaultRecord({ ...other, isDefault: false });
    }
  }

  /** Records keys that a backend held before keys had records (the keychain of earlier versions); returns how many. */
  async function adopt(backend: KeyBackend): Promise<number> {
    let adopted = 0;
    try {
      if ((await backend.health()).state !== 'ready') return 0;
      const known = new Set((await store.listVaultRecords()).map((record) => slotFor(record.providerId, record.label)));
      for (const { slot, hint } of await backend.stored()) {
        if (known.has(slot)) continue;
        const { provider, label } = parseSlot(slot);
        if (!Id.safeParse(provider).success || !LABEL_OK(label)) continue;
        // The keychain is shared by every data folder: adopt only keys of providers this one has.
        if (!(await store.getProvider(provider))) continue;
        const siblings = await recordsOf(provider);
        const time = now();
        await store.putVaultRecord({
          id: uuidv7(),
          providerId: provider,
          label,
          isDefault: !siblings.some((record) => record.isDefault),
          backend: backend.id,
          hint,
          encrypted: null,
          createdAt: time,
          updatedAt: time,
        });
        adopted += 1;
        options.log?.info('vault adopted a key saved before keys had records', { provider, label, backend: backend.id });
      }
    } catch (error) {
      options.log?.warn('vault could not adopt earlier keys', { backend: backend.id, error });
    }
    return adopted;
  }

  async function vaultStatus(): Promise<VaultStatus> {
    const records = await store.listVaultRecords();
    const healths = await Promise.all(
      [...backends.values()].map(async (backend) => ({ backend: backend.id, health: await backend.health() })),
    );
    const views = healths.map(({ backend, health }) => ({
      backend,
      state: health.state,
      problem: health.state === 'ready' ? null : health.error.toJSON(),
      keys: records.filter((record) => record.backend === backend).length,
    }));
    const current = healths.find(({ backend }) => backend === active.backend)?.health ?? {
      state: 'unavailable' as const,
      error: new AppError('vault.backend_unavailable', `${BACKEND_NAMES[active.backend]} cannot be used in this run. Move your keys to another backend.`, {
        backend: active.backend,
      }),
    };
    const unreadable = await Promise.all(
      records.flatMap((record) => {
        const problem = ctx.problems.get(record.id);
        return problem ? [keyProblem(ctx, record, problem)] : [];
      }),
    );
    const file = options.passphraseFile;
    return {
      backend: active.backend,
      state: current.state,
      locked: current.state === 'locked',
      needsConsent: current.state === 'needs-consent',
      problem: current.state === 'ready' ? null : current.error.toJSON(),
      reason: active.reason,
      passphraseFile: file ? { exists: await file.exists().catch(() => true), unlocked: file.isUnlocked } : null,
      plaintext: {
        applies: options.safeStorage?.isPlaintext() ?? false,
        consent: settings.plaintext.consent,
        consentAt: settings.plaintext.at,
      },
      backends: views,
      keys: records.length,
      keysElsewhere: records.filter((record) => record.backend !== active.backend).length,
      unreadable,
    };
  }

  async function setKey(provider: string, key: string, label: string, makeDefault: boolean): Promise<KeyStatus> {
    const id = checkProviderId(provider);
    const name = checkLabel(label);
    const value = normaliseKey(key);
    options.secrets?.add(value);
    const target = await ready(active.backend);
    const records = await recordsOf(id);
    const existing = records.find((record) => record.label === name);
    const slot = slotFor(id, name);
    const encrypted = await target.write(slot, value);
    const time = now();
    const record: VaultRecord = {
      id: existing?.id ?? uuidv7(),
      providerId: id,
      label: name,
      isDefault: makeDefault || defaultRecord(records)?.id === existing?.id || records.length === 0,
      backend: target.id,
      hint: keyHint(value),
      encrypted,
      createdAt: existing?.createdAt ?? time,
      updatedAt: time,
    };
    try {
      await store.putVaultRecord(record);
    } catch (error) {
      // Without its record the new copy would be invisible: remove it, unless it replaced the recorded one in place.
      if (existing?.backend !== target.id) await target.remove(slot).catch(() => undefined);
      throw error;
    }
    if (record.isDefault) await markDefault([...records.filter((other) => other.id !== record.id), record], record);
    if (existing && existing.backend !== target.id) {
      await backends
        .get(existing.backend)
        ?.remove(slot)
        .catch((error: unknown) => options.log?.warn('old copy of a replaced key was not removed', { provider: id, label: name, backend: existing.backend, error }));
    }
    ctx.problems.delete(record.id);
    await remember(target.id);
    return keyStatusOf(record, record.isDefault, undefined);
  }

  async function deleteKeys(provider: string, label: string | undefined): Promise<KeyStatus> {
    const id = checkProviderId(provider);
    const name = label === undefined ? undefined : checkLabel(label);
    const records = await recordsOf(id);
    for (const record of records.filter((candidate) => name === undefined || candidate.label === name)) {
      // Delete the key before its record: if the backend refuses (locked), the record keeps pointing at it.
      await backends.get(record.backend)?.remove(slotFor(id, record.label));
      await store.deleteVaultRecord(record.id);
      ctx.problems.delete(record.id);
    }
    const left = await recordsOf(id);
    const chosen = defaultRecord(left);
    if (chosen) await markDefault(left, chosen);
    return statusOf(id);
  }

  const vault: ManagedVault = {
    get backend() {
      return active.backend;
    },

    status: (provider) => serial(() => statusOf(checkProviderId(provider))),

    list: () => serial(async () => keyStatuses(await store.listVaultRecords(), ctx.problems)),

    get: (provider) =>
      serial(async () => {
        const chosen = defaultRecord(await recordsOf(checkProviderId(provider)));
        return chosen ? readRecord(ctx, chosen) : null;
      }),

    set: (provider, key, setOptions = {}) => serial(() => setKey(provider, key, setOptions.label ?? DEFAULT_LABEL, setOptions.makeDefault ?? false)),

    ensureWritable: () =>
      serial(async () => {
        await ready(active.backend);
      }),

    delete: (provider, label) => serial(() => deleteKeys(provider, label)),

    setDefault: (provider, label) =>
      serial(async () => {
        const id = checkProviderId(provider);
        const name = checkLabel(label);
        const records = await recordsOf(id);
        const chosen = records.find((record) => record.label === name);
        if (!chosen) throw new AppError('vault.no_such_key', `There is no key named "${name}" for this provider. Add it first.`, { name });
        await markDefault(records, chosen);
        return statusOf(id);
      }),

    vaultStatus: () => serial(vaultStatus),

    unlock: (passphrase) =>
      serial(async () => {
        const file = options.passphraseFile;
        if (!file) throw new AppError('vault.no_key_file', 'This run offers no passphrase-protected key file, so there is nothing to unlock.');
        await file.unlock(passphrase);
        await adopt(backendOf('passphrase-file'));
        // Keys that failed only because the file was locked are read again, so none is still shown as unreadable.
        for (const record of await store.listVaultRecords()) {
          if (record.backend === 'passphrase-file' && ctx.problems.has(record.id)) await readRecord(ctx, record).catch(() => undefined);
        }
        return vaultStatus();
      }),

    lock: () =>
      serial(async () => {
        options.passphraseFile?.lock();
        return vaultStatus();
      }),

    setPlaintextConsent: (consent) =>
      serial(async () => {
        const value = { consent, at: now() };
        await savePlaintextConsent(store, value);
        settings.plaintext = value;
        options.log?.info('vault plaintext consent changed', { consent });
        return vaultStatus();
      }),

    migrate: (to) =>
      serial(async (): Promise<MigrationReport> => {
        const target = await ready(to);
        const result = await moveKeys(ctx, target, await store.listVaultRecords());
        if (active.backend !== to) active = { backend: to, reason: { code: 'chosen', unusable: null, said: null } };
        await remember(to);
        options.log?.info('vault keys moved', { to, moved: result.moved.length, failed: result.failed.length, leftCopies: result.leftCopies.length });
        return { backend: to, ...result, status: await vaultStatus() };
      }),

    verify: () =>
      serial(async () => {
        const checks: KeyCheck[] = [];
        for (const record of await store.listVaultRecords()) {
          const ref = await keyRef(ctx, record);
          try {
            await readRecord(ctx, record);
            checks.push({ ...ref, ok: true, error: null });
          } catch (error) {
            checks.push({ ...ref, ok: false, error: (error as AppError).toJSON() });
          }
        }
        return checks;
      }),

    readAll: () =>
      serial(async () => {
        const records = await store.listVaultRecords();
        const statuses = keyStatuses(records, ctx.problems);
        const keys = [];
        const failed: KeyCheck[] = [];
        for (const record of records) {
          try {
            const key = await readRecord(ctx, record);
            const isDefault = statuses.find((status) => status.provider === record.providerId && status.label === record.label)?.isDefault ?? false;
            keys.push({ provider: record.providerId, label: record.label, isDefault, key });
          } catch (error) {
            failed.push({ ...(await keyRef(ctx, record)), ok: false, error: (error as AppError).toJSON() });
          }
        }
        return { keys, failed };
      }),
  };

  return Object.assign(vault, {
    adoptEarlierKeys: () =>
      serial(async () => {
        let adopted = 0;
        for (const backend of backends.values()) adopted += await adopt(backend);
        // Recorded, so later runs neither look again nor pick another backend.
        if (adopted > 0) await remember(active.backend);
      }),
  });
}
