import { AppError } from '../../../../src-shared/api/errors';
import type { ProviderDetails } from '../../../../src-shared/api/methods/providers';
import { kindInfo } from '../../../../src-shared/catalog/kinds';
import type { ProviderConfig } from '../../../../src-shared/domain';
import { uuidv7 } from '../../../../src-shared/ids';
import { testConnection } from '../../providers';
import type { SetKeyOptions } from '../../vault/types';
import type { ProviderStore } from '../../store';
import type { HandlerDeps, HandlersOf, StoreDeps } from './deps';

export async function requireProvider({ store }: { store: Pick<ProviderStore, 'getProvider'> }, id: string): Promise<ProviderConfig> {
  const provider = await store.getProvider(id);
  if (!provider) throw new AppError('provider.missing', 'That provider no longer exists. Add it again in Providers.');
  return provider;
}

/** Every key goes through here, so the logger can never print it. */
export async function setKey(
  { vault, redactor }: Pick<HandlerDeps, 'vault' | 'redactor'>,
  provider: string,
  key: string,
  options?: SetKeyOptions,
) {
  redactor.add(key);
  return vault.set(provider, key, options);
}

export function providerHandlers(deps: StoreDeps<ProviderStore>): HandlersOf<'provider'> {
  const { store, vault } = deps;
  const view = async (provider: ProviderConfig): Promise<ProviderDetails> => ({
    ...provider,
    key: await vault.status(provider.id),
    settings: await store.getProviderSettings(provider.id),
  });
  return {
    'provider.list': async () => Promise.all((await store.listProviders()).map(view)),
    'provider.save': async ({ id, apiKey, settings, baseUrl, ...fields }) => {
      const now = Date.now();
      const existing = id ? await store.getProvider(id) : null;
      if (id && !existing) throw new AppError('provider.missing', 'That provider no longer exists. Add it again.');
      const kind = kindInfo(fields.kind);
      const url = baseUrl ?? kind.defaultBaseUrl;
      if (!url) throw new AppError('provider.base_url_needed', `${kind.label} needs a base URL, like ${kind.baseUrlHint}.`, { kind: kind.label, example: kind.baseUrlHint });
      const saved = await store.saveProvider({
        id: existing?.id ?? uuidv7(),
        ...fields,
        baseUrl: url,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      });
      if (settings) await store.setProviderSettings(saved.id, settings);
      if (apiKey && apiKey.trim()) {
        // Replaces the key the provider uses now (its default), whatever its name.
        const current = await vault.status(saved.id);
        await setKey(deps, saved.id, apiKey.trim(), { label: current.hasKey ? current.label : undefined });
      }
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
        kind: provider.kind,
        settings: await store.getProviderSettings(provider.id),
        baseUrl: provider.baseUrl,
        apiKey,
        model: provider.model,
        signal: AbortSignal.timeout(30_000),
      });
      return { ok: true as const, ...result };
    },
  };
}
