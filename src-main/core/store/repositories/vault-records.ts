// Vault records: the vault's per-key metadata and (safeStorage only) ciphertext.
// LOCAL ONLY: this repository never touches the outbox, and rows carry no space or clock.
import type Database from 'better-sqlite3';
import type { VaultBackend, VaultRecord } from '../../../../src-shared/entities/vault-records';
import { storeErrors } from '../errors';

interface VaultRow {
  id: string;
  provider_id: string;
  label: string;
  is_default: number;
  backend: VaultBackend;
  hint: string | null;
  encrypted: Buffer | null;
  created_at: number;
  updated_at: number;
}

const toRecord = (row: VaultRow): VaultRecord => ({
  id: row.id,
  providerId: row.provider_id,
  label: row.label,
  isDefault: row.is_default === 1,
  backend: row.backend,
  hint: row.hint,
  encrypted: row.encrypted === null ? null : new Uint8Array(row.encrypted),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class VaultRecordRepository {
  private readonly selectAll;
  private readonly selectByProvider;
  private readonly selectClash;
  private readonly upsert;
  private readonly remove;
  private readonly clearDefault;

  constructor(db: Database.Database) {
    this.selectAll = db.prepare<[], VaultRow>('SELECT * FROM vault_records ORDER BY provider_id, label');
    this.selectByProvider = db.prepare<[string], VaultRow>('SELECT * FROM vault_records WHERE provider_id = ? ORDER BY label');
    this.selectClash = db.prepare<[string, string, string], { id: string }>(
      'SELECT id FROM vault_records WHERE provider_id = ? AND label = ? AND id != ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO vault_records (id, provider_id, label, is_default, backend, hint, encrypted, created_at, updated_at)
       VALUES (@id, @provider_id, @label, @is_default, @backend, @hint, @encrypted, @created_at, @updated_at)
       ON CONFLICT (id) DO UPDATE SET provider_id = excluded.provider_id, label = excluded.label, is_default = excluded.is_default,
         backend = excluded.backend, hint = excluded.hint, encrypted = excluded.encrypted, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM vault_records WHERE id = ?');
    this.clearDefault = db.prepare<[string, string]>('UPDATE vault_records SET is_default = 0 WHERE provider_id = ? AND id != ?');
  }

  list(providerId?: string): VaultRecord[] {
    return (providerId === undefined ? this.selectAll.all() : this.selectByProvider.all(providerId)).map(toRecord);
  }

  /** Inserts or replaces by id; making one record the default clears the provider's other defaults. */
  put(record: VaultRecord): VaultRecord {
    if (this.selectClash.get(record.providerId, record.label, record.id)) {
      throw storeErrors.conflict(`Provider ${record.providerId} already has a key labelled "${record.label}".`);
    }
    this.upsert.run({
      id: record.id,
      provider_id: record.providerId,
      label: record.label,
      is_default: record.isDefault ? 1 : 0,
      backend: record.backend,
      hint: record.hint,
      encrypted: record.encrypted === null ? null : Buffer.from(record.encrypted),
      created_at: record.createdAt,
      updated_at: record.updatedAt,
    });
    if (record.isDefault) this.clearDefault.run(record.providerId, record.id);
    return this.list(record.providerId).find((r) => r.id === record.id)!;
  }

  /** A hard delete: these rows are local, so no tombstone is needed. */
  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }
}
