import { AppError } from '../../../../src-shared/api/errors';
import type { ProviderDetails } from '../../../../src-shared/api/methods/providers';
import { kindInfo } from '../../../../src-shared/catalog/kinds';
import type { ProviderConfig, ProviderKind } from '../../../../src-shared/domain';
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

function baseUrlOf(kind: ProviderKind, baseUrl: string | undefined): string {
  const info = kindInfo(kind);
  const url = baseUrl ?? info.defaultBaseUrl;
  if (!url) throw new AppError('provider.base_url_needed', `${info.label} needs a base URL, like ${info.baseUrlHint}.`);
  return url;
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
      const url = baseUrlOf(fields.kind, baseUrl);
      const key = apiKey?.trim();
      // A key the vault cannot take now (a locked or missing key file) refuses the save before anything is written.
      if (key) await vault.ensureWritable();
      const saved = await store.saveProvider({
        id: existing?.id ?? uuidv7(),
        ...fields,
        baseUrl: url,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      });
      if (key) {
        try {
          // Replaces the key the provider uses now (its default), whatever its name.
          const current = await vault.status(saved.id);
          await setKey(deps, saved.id, key, { label: current.hasKey ? current.label : undefined });
        } catch (error) {
          // A new provider without the key it was saved with would be a keyless twin of the next try.
          if (!existing) await store.deleteProvider(saved.id);
          else await store.saveProvider(existing);
          throw error;
        }
      }
      if (settings) await store.setProviderSettings(saved.id, settings);
      return view(saved);
    },
    'provider.delete': async ({ id }) => {
      const deleted = await store.deleteProvider(id);
      await vault.delete(id);
      return { deleted };
    },
    'provider.test': async ({ id, draft }) => {
      const saved = id ? await requireProvider(deps, id) : null;
      if (!saved && !draft) throw new AppError('provider.test_nothing', 'Fill in the provider, or choose a saved one, to test its connection.');
      const typedKey = draft?.apiKey?.trim();
      if (typedKey) deps.redactor.add(typedKey);
      const result = await testConnection({
        kind: draft?.kind ?? saved!.kind,
        settings: draft?.settings ?? (saved ? await store.getProviderSettings(saved.id) : {}),
        baseUrl: draft ? baseUrlOf(draft.kind, draft.baseUrl) : saved!.baseUrl,
        // The typed key, else the saved one: nothing is stored either way.
        apiKey: typedKey || (saved ? await vault.get(saved.id) : null),
        model: draft?.model ?? saved!.model,
        signal: AbortSignal.timeout(30_000),
      });
      return { ok: true as const, ...result };
    },
  };
}
