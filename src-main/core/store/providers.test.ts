import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ProviderConfig } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import { useTempStores } from './testing';

const stores = useTempStores();

function provider(name: string): ProviderConfig {
  return { id: uuidv7(), name, kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3', createdAt: 1_000, updatedAt: 1_000 };
}

describe('provider configurations', () => {
  it('saves, lists by name, updates and deletes configurations', async () => {
    const store = await stores.open();
    const zeta = await store.saveProvider(provider('Zeta'));
    const alpha = await store.saveProvider(provider('alpha'));
    expect((await store.listProviders()).map((p) => p.name)).toEqual(['alpha', 'Zeta']);
    expect(await store.getProvider(zeta.id)).toEqual(zeta);

    const renamed = await store.saveProvider({ ...zeta, model: 'llama3.1' });
    expect(renamed).toMatchObject({ id: zeta.id, model: 'llama3.1', createdAt: 1_000 });
    expect(renamed.updatedAt).toBeGreaterThan(1_000);

    expect(await store.deleteProvider(alpha.id)).toBe(true);
    expect(await store.deleteProvider(alpha.id)).toBe(false);
    expect(await store.getProvider(alpha.id)).toBeNull();
    expect((await store.listProviders()).map((p) => p.id)).toEqual([zeta.id]);
  });

  it('syncs only the columns an edit changed', async () => {
    const store = await stores.open();
    const saved = await store.saveProvider(provider('Local'));
    await store.saveProvider({ ...saved, baseUrl: 'http://127.0.0.1:8080/v1' });
    await store.saveProvider({ ...saved, baseUrl: 'http://127.0.0.1:8080/v1' });
    const changes = (await store.listOutbox(100)).filter((c) => c.table === 'providers');
    expect(changes).toHaveLength(2);
    expect(Object.keys(changes[1]!.fields).sort()).toEqual(['base_url', 'updated_at']);
  });

  it('never stores an API key, even when one is handed over with the configuration', async () => {
    const file = stores.file();
    const store = await stores.open(file);
    const secret = 'sk-test-0123456789abcdefSECRET';
    const withKey = { ...provider('Leaky'), apiKey: secret, key: secret } as ProviderConfig;
    const saved = await store.saveProvider(withKey);
    expect(JSON.stringify(saved)).not.toContain(secret);
    expect(JSON.stringify(await store.listOutbox(100))).not.toContain(secret);
    await store.close();

    const db = new Database(file, { readonly: true });
    try {
      const columns = (db.prepare('PRAGMA table_info(providers)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(['id', 'space_id', 'name', 'kind', 'base_url', 'model', 'created_at', 'updated_at', 'hlc', 'deleted', 'settings']);
      expect(columns.some((name) => /key|secret|token/i.test(name))).toBe(false);
    } finally {
      db.close();
    }
    for (const name of readdirSync(dirname(file))) {
      expect(readFileSync(join(dirname(file), name)).includes(secret)).toBe(false);
    }
  });

  it('refuses a configuration that is not valid, naming the field', async () => {
    const store = await stores.open();
    await expect(store.saveProvider({ ...provider('Bad'), baseUrl: 'ftp://example.com' })).rejects.toThrow(/baseUrl: must start with http/);
    expect(await store.listProviders()).toEqual([]);
  });
});
