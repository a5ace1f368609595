// The vault's view of its SQLite records (one per key: provider, label, default,
// backend, hint, safeStorage ciphertext) and the one way a key is read through
// its record, shared by the vault and by migration. A key that cannot be read is
// reported by provider and label, and its record is kept.
import { AppError } from '../../../src-shared/api/errors';
import type { KeyProblem, KeyRef } from '../../../src-shared/api/methods/vault';
import type { KeyBackend as BackendId, KeyStatus } from '../../../src-shared/domain';
import type { VaultRecord } from '../../../src-shared/entities/vault-records';
import type { KeyBackend } from './backend';
import { DEFAULT_LABEL, slotFor } from './key-status';
import type { SecretSink, VaultStore } from './types';

export const BACKEND_NAMES: Record<BackendId, string> = {
  keychain: 'the system keychain',
  'safe-storage': 'Electron safeStorage',
  'passphrase-file': 'the passphrase-protected key file',
};

export interface VaultLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
}

/** What reading and moving keys needs; one per vault. */
export interface VaultContext {
  store: VaultStore;
  /** The backends this run can reach (safeStorage only under Electron). */
  backends: ReadonlyMap<BackendId, KeyBackend>;
  /** Why a key could not be read in this run, by record id; cleared when it is read again. */
  problems: Map<string, AppError>;
  secrets?: SecretSink;
  log?: VaultLog;
}

/** A provider's default: the record flagged default (newest if several), else its newest key. */
export function defaultRecord(records: readonly VaultRecord[]): VaultRecord | null {
  const newest = [...records].sort((a, b) => b.updatedAt - a.updatedAt || a.label.localeCompare(b.label));
  return newest.find((record) => record.isDefault) ?? newest[0] ?? null;
}

export function noKeyStatus(provider: string): KeyStatus {
  return { provider, hasKey: false, hint: null, label: DEFAULT_LABEL, isDefault: false, backend: null, updatedAt: null, problem: null };
}

export function keyStatusOf(record: VaultRecord, isDefault: boolean, problem: AppError | undefined): KeyStatus {
  return {
    provider: record.providerId,
    hasKey: true,
    hint: record.hint,
    label: record.label,
    isDefault,
    backend: record.backend,
    updatedAt: record.updatedAt,
    problem: problem ? problem.toJSON() : null,
  };
}

/** Every record's KeyStatus, one default per provider, sorted by provider then label. */
export function keyStatuses(records: readonly VaultRecord[], problems: ReadonlyMap<string, AppError>): KeyStatus[] {
  const byProvider = new Map<string, VaultRecord[]>();
  for (const record of records) byProvider.set(record.providerId, [...(byProvider.get(record.providerId) ?? []), record]);
  const defaults = new Set([...byProvider.values()].map((list) => defaultRecord(list)?.id));
  return [...records]
    .sort((a, b) => a.providerId.localeCompare(b.providerId) || a.label.localeCompare(b.label))
    .map((record) => keyStatusOf(record, defaults.has(record.id), problems.get(record.id)));
}

export async function providerName(store: Pick<VaultStore, 'getProvider'>, id: string): Promise<string | null> {
  try {
    return (await store.getProvider(id))?.name ?? null;
  } catch {
    return null;
  }
}

export async function keyRef(ctx: VaultContext, record: VaultRecord): Promise<KeyRef> {
  return { provider: record.providerId, providerName: await providerName(ctx.store, record.providerId), label: record.label, backend: record.backend };
}

export async function keyProblem(ctx: VaultContext, record: VaultRecord, error: AppError): Promise<KeyProblem> {
  return { ...(await keyRef(ctx, record)), error: error.toJSON() };
}

/** Names the key in a backend's error, keeping its code, so the user knows which key to fix. */
async function namedError(ctx: VaultContext, record: VaultRecord, error: unknown): Promise<AppError> {
  const name = (await providerName(ctx.store, record.providerId)) ?? `provider ${record.providerId}`;
  const what = `The "${record.label}" key of ${name}, kept in ${BACKEND_NAMES[record.backend]}`;
  if (error instanceof AppError) return AppError.revive({ code: error.code, message: `${what}, could not be read. ${error.message}`, params: error.params });
  ctx.log?.warn('vault read failed', { provider: record.providerId, label: record.label, backend: record.backend, error });
  return new AppError('vault.key_unreadable', `${what}, could not be read because of an unexpected error. Try again; if it persists, enter the key again.`);
}

/** Reads a record's key from its backend; any failure is remembered against the record and thrown, named. */
export async function readRecord(ctx: VaultContext, record: VaultRecord): Promise<string> {
  const fail = async (error: unknown): Promise<never> => {
    const named = await namedError(ctx, record, error);
    ctx.problems.set(record.id, named);
    throw named;
  };
  const backend = ctx.backends.get(record.backend);
  if (!backend) {
    return fail(
      new AppError(
        'vault.backend_unavailable',
        `${BACKEND_NAMES[record.backend]} cannot be used in this run${record.backend === 'safe-storage' ? ' (only the desktop app has it)' : ''}. ` +
          'Open the app where it was saved, or enter the key again here.',
        { backend: record.backend },
      ),
    );
  }
  let read: Awaited<ReturnType<KeyBackend['read']>>;
  try {
    read = await backend.read(slotFor(record.providerId, record.label), record.encrypted);
  } catch (error) {
    return fail(error);
  }
  if (!read) {
    return fail(new AppError('vault.key_missing', `It is no longer there (it was removed outside RealMultiLLM, or never finished saving). Enter the key again.`));
  }
  ctx.problems.delete(record.id);
  ctx.secrets?.add(read.secret);
  if (read.refreshed) {
    await ctx.store.putVaultRecord({ ...record, encrypted: read.refreshed }).catch((error: unknown) => {
      ctx.log?.warn('could not keep the re-encrypted key', { provider: record.providerId, label: record.label, error });
    });
  }
  return read.secret;
}
