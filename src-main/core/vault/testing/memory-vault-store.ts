// The part of the store the vault uses, in memory, for tests that need a child
// process or a failure on demand. Tests of the real thing use openStore (SQLite).
import type { ProviderConfig } from '../../../../src-shared/domain';
import type { Setting } from '../../../../src-shared/entities/settings';
import type { VaultRecord } from '../../../../src-shared/entities/vault-records';
import type { VaultStore } from '../types';

export interface MemoryVaultStore extends VaultStore {
  records: Map<string, VaultRecord>;
  providers: Map<string, ProviderConfig>;
  /** When set, putVaultRecord throws for the records it returns true for. */
  failPut: ((record: VaultRecord) => boolean) | null;
}

export function createMemoryVaultStore(providerIds: readonly string[] = []): MemoryVaultStore {
  const records = new Map<string, VaultRecord>();
  const settings = new Map<string, Setting>();
  const providers = new Map<string, ProviderConfig>();
  for (const id of providerIds) {
    providers.set(id, { id, name: `Provider ${id.slice(0, 8)}`, kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', model: 'echo', createdAt: 0, updatedAt: 0 });
  }
  const store: MemoryVaultStore = {
    records,
    providers,
    failPut: null,
    async listVaultRecords(providerId) {
      return [...records.values()].filter((record) => providerId === undefined || record.providerId === providerId).map((record) => ({ ...record }));
    },
    async putVaultRecord(record) {
      if (store.failPut?.(record)) throw new Error('disk full');
      for (const other of records.values()) {
        if (other.id !== record.id && other.providerId === record.providerId && other.label === record.label) throw new Error('UNIQUE constraint failed');
      }
      records.set(record.id, { ...record });
      // Like the SQLite store: one default per provider.
      if (record.isDefault) {
        for (const other of records.values()) if (other.providerId === record.providerId && other.id !== record.id) other.isDefault = false;
      }
      return { ...record };
    },
    async deleteVaultRecord(id) {
      return records.delete(id);
    },
    async getSetting(key) {
      return settings.get(key) ?? null;
    },
    async setSetting(key, value, synced) {
      const setting: Setting = { key, value: value as Setting['value'], synced, updatedAt: Date.now() };
      settings.set(key, setting);
      return setting;
    },
    async getProvider(id) {
      return providers.get(id) ?? null;
    },
  };
  return store;
}
