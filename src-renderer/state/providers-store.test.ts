import { describe, expect, it } from 'vitest';
import { memoryStorage, PROVIDER, provider, settle, setup } from './test-support';

const OTHER = '01890000-0000-7000-8000-0000000000ab';

describe('ProvidersStore', () => {
  it('selects the first provider saved and never keeps a key in state', async () => {
    const { api, stores } = setup({
      'provider.list': () => [],
      'provider.save': () => provider,
    });
    await settle();
    await stores.providers.save(null, { name: ' Local ', baseUrl: 'http://127.0.0.1:1/v1', apiKey: ' sk-secret ', model: 'test-model' });
    expect(api.calls.at(-1)?.input).toEqual({ name: 'Local', baseUrl: 'http://127.0.0.1:1/v1', model: 'test-model', apiKey: 'sk-secret' });
    expect(stores.providers.state.selectedId).toBe(PROVIDER);
    expect(JSON.stringify(stores.providers.state)).not.toContain('sk-secret');
  });

  it('remembers the chosen provider between sessions, and falls back to the first when it is gone', async () => {
    const other = { ...provider, id: OTHER, name: 'Other' };
    const storage = memoryStorage();
    const first = setup({ 'provider.list': () => [provider, other] }, { storage });
    await settle();
    first.stores.providers.select(OTHER);
    expect(storage.stored.get('realmultillm.selectedProvider')).toBe(OTHER);

    const again = setup({ 'provider.list': () => [provider, other] }, { storage });
    await settle();
    expect(again.stores.providers.state.selectedId).toBe(OTHER);

    const gone = setup({ 'provider.list': () => [provider] }, { storage });
    await settle();
    expect(gone.stores.providers.state.selectedId).toBe(PROVIDER);
  });

  it('chooses another provider when the chosen one is deleted', async () => {
    const other = { ...provider, id: OTHER, name: 'Other' };
    const { stores } = setup({ 'provider.list': () => [provider, other], 'provider.delete': () => ({ deleted: true }) });
    await settle();
    await stores.providers.remove(PROVIDER);
    expect(stores.providers.state.providers.map((p) => p.id)).toEqual([OTHER]);
    expect(stores.providers.state.selectedId).toBe(OTHER);
  });

  it('says why the providers could not be loaded', async () => {
    const { stores } = setup({
      'provider.list': () => {
        throw new Error('socket closed');
      },
    });
    await settle();
    expect(stores.providers.state.loaded).toBe(false);
    expect(stores.status.state.errors.map((e) => e.text)).toEqual([expect.stringMatching(/^Could not load your providers\./)]);
  });
});
