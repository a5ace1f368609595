import { AppError } from '../../../../src-shared/api/errors';
import type { ProviderConfig, ProviderView } from '../../../../src-shared/domain';
import { uuidv7 } from '../../../../src-shared/ids';
import { testConnection } from '../../providers';
import type { HandlerDeps, HandlersOf } from './deps';

export async function requireProvider({ store }: Pick<HandlerDeps, 'store'>, id: string): Promise<ProviderConfig> {
  const provider = await store.getProvider(id);
  if (!provider) throw new AppError('provider.missing', 'That provider no longer exists. Add it again in Providers.');
  return provider;
}

/** Every key goes through here, so the logger can never print it. */
export async function setKey({ vault, redactor }: Pick<HandlerDeps, 'vault' | 'redactor'>, provider: string, key: string) {
  redactor.add(key);
  return vault.set(provider, key);
}

export function providerHandlers(deps: HandlerDeps): HandlersOf<'provider'> {
  const { store, vault } = deps;
  const view = async (provider: ProviderConfig): Promise<ProviderView> => ({
    ...provider,
    key: await vault.status(provider.id),
  });
  return {
    'provider.list': async () => Promise.all((await store.listProviders()).map(view)),
    'provider.save': async ({ id, apiKey, ...fields }) => {
      const now = Date.now();
      const existing = id ? await store.getProvider(id) : null;
      if (id && !existing) throw new AppError('provider.missing', 'That provider no longer exists. Add it again.');
      const saved = await store.saveProvider({
        id: existing?.id ?? uuidv7(),
        ...fields,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      });
      if (apiKey && apiKey.trim()) await setKey(deps, saved.id, apiKey.trim());
      return view(saved);
    },
    'provider.delete': async ({ id }) => {
      const deleted = await store.deleteProvider(id);
      await vault.delete(id);
      return { deleted };
    },
    'provider.test': async ({ id }) => {
      const provider = await requireProvider(deps, id);
      const apiKey = await vault.get(provider.id);
      const result = await testConnection({
        baseUrl: provider.baseUrl,
        apiKey,
        model: provider.model,
        signal: AbortSignal.timeout(30_000),
      });
      return { ok: true as const, ...result };
    },
  };
}
