import type { UserError } from '../../../../src-shared/domain';
import { CATALOG, catalogFor, findModel, kindInfo, PROVIDER_KINDS } from '../../../../src-shared/catalog';
import { AppError } from '../../../../src-shared/api/errors';
import { listLiveModels } from '../../providers';
import { requireProvider } from './providers';
import type { ProviderStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

export function modelHandlers(deps: StoreDeps<ProviderStore>): HandlersOf<'model'> {
  const { store, vault, chat } = deps;
  return {
    'model.kinds': async () => PROVIDER_KINDS.map((k) => ({ ...k, settings: [...k.settings] })),
    'model.list': async ({ providerId }) => {
      const provider = await requireProvider(deps, providerId);
      const overrides = await chat.overrides.list();
      const catalog = catalogFor(provider.kind, overrides);
      if (kindInfo(provider.kind).listing !== 'live') return { source: 'catalog' as const, models: catalog, problem: null };
      let problem: UserError | null = null;
      try {
        const live = await listLiveModels(
          { kind: provider.kind, baseUrl: provider.baseUrl, apiKey: await vault.get(provider.id), settings: await store.getProviderSettings(provider.id) },
          { signal: AbortSignal.timeout(20_000), overrides },
        );
        // The user's own entries stay listed even when the provider does not list them.
        const custom = catalog.filter((m) => m.source === 'custom' && !live.some((l) => l.id === m.id));
        return { source: 'live' as const, models: [...live, ...custom], problem: null };
      } catch (error) {
        problem = (error instanceof AppError ? error : new AppError('internal', 'The models could not be listed.')).toJSON();
      }
      return { source: 'catalog' as const, models: catalog, problem };
    },
    'model.catalog': async ({ kind }) => {
      const overrides = await chat.overrides.list();
      if (kind) return catalogFor(kind, overrides);
      const kinds = [...new Set([...CATALOG.map((m) => m.kind), ...overrides.map((o) => o.kind)])];
      return kinds.flatMap((k) => catalogFor(k, overrides));
    },
    'model.saveOverride': async (entry) => {
      const saved = await chat.overrides.save(entry);
      return findModel(entry.kind, entry.id, saved)!;
    },
    'model.deleteOverride': async ({ kind, id }) => ({ deleted: await chat.overrides.remove(kind, id) }),
  };
}
