// The user's providers (never a key: the core answers with hints) and the one
// chosen for the next message, remembered between sessions.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, MethodOutput } from '../../src-shared/api/contract';
import type { ProviderView } from '../../src-shared/domain';
import { userMessage } from '../api/errors';
import { t } from '../i18n';
import { readPreference, writePreference, type Preferences } from './preferences';
import type { ProviderFields } from './provider-form';
import type { StatusStore } from './status-store';

export interface ProvidersState {
  providers: ProviderView[];
  loaded: boolean;
  selectedId: string | null;
}

export type ProviderTestResult = MethodOutput<'provider.test'>;

const SELECTED_KEY = 'realmultillm.selectedProvider';

export class ProvidersStore {
  readonly store: StoreApi<ProvidersState>;
  private firstLoad: Promise<void> | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly status: StatusStore,
    private readonly storage: Preferences = null,
  ) {
    this.store = createStore<ProvidersState>()(() => ({ providers: [], loaded: false, selectedId: readPreference(storage, SELECTED_KEY) }));
  }

  get state(): ProvidersState {
    return this.store.getState();
  }

  /** The provider chosen for the next message, if it still exists. */
  selected(): ProviderView | undefined {
    const { providers, selectedId } = this.state;
    return providers.find((p) => p.id === selectedId);
  }

  /** Resolves once the first list has arrived (or failed to): a send clicked while the page loads waits for it. */
  whenLoaded(): Promise<void> {
    return this.firstLoad ?? this.refresh();
  }

  refresh(): Promise<void> {
    const loading = this.load();
    this.firstLoad ??= loading;
    return loading;
  }

  private async load(): Promise<void> {
    try {
      const providers = await this.api.call('provider.list', {});
      this.store.setState((s) => {
        const keep = providers.some((p) => p.id === s.selectedId);
        return { providers, loaded: true, selectedId: keep ? s.selectedId : (providers[0]?.id ?? null) };
      });
    } catch (error) {
      this.status.pushError(t('errors.loadProviders', { reason: userMessage(error) }));
    }
  }

  select(id: string | null): void {
    this.store.setState({ selectedId: id });
    if (id) writePreference(this.storage, SELECTED_KEY, id);
  }

  /** Selects a provider named elsewhere (the reply a conversation continues from), if it is still one of the user's. */
  selectIfListed(id: string | null): void {
    if (id && this.state.providers.some((p) => p.id === id)) this.select(id);
  }

  /** Saves a provider (the key only when one was typed); rejects with a user-readable error. */
  async save(id: string | null, fields: ProviderFields): Promise<ProviderView> {
    const apiKey = fields.apiKey.trim();
    const saved = await this.api.call('provider.save', {
      ...(id ? { id } : {}),
      name: fields.name.trim(),
      ...(fields.kind ? { kind: fields.kind } : {}),
      ...(fields.baseUrl.trim() ? { baseUrl: fields.baseUrl.trim() } : {}),
      model: fields.model.trim(),
      ...(apiKey ? { apiKey } : {}),
    });
    this.store.setState((s) => {
      const exists = s.providers.some((p) => p.id === saved.id);
      const providers = exists ? s.providers.map((p) => (p.id === saved.id ? saved : p)) : [...s.providers, saved];
      // A provider just added is the one the user means to use next.
      const keepSelection = exists && s.selectedId !== null && providers.some((p) => p.id === s.selectedId);
      return { providers, selectedId: keepSelection ? s.selectedId : saved.id };
    });
    if (this.state.selectedId === saved.id) writePreference(this.storage, SELECTED_KEY, saved.id);
    return saved;
  }

  /** Tests `fields` as typed (with the saved provider's key when none is typed); saves nothing. */
  test(id: string | null, fields: ProviderFields): Promise<ProviderTestResult> {
    const apiKey = fields.apiKey.trim();
    return this.api.call('provider.test', {
      ...(id ? { id } : {}),
      draft: {
        ...(fields.kind ? { kind: fields.kind } : {}),
        ...(fields.baseUrl.trim() ? { baseUrl: fields.baseUrl.trim() } : {}),
        model: fields.model.trim(),
        ...(apiKey ? { apiKey } : {}),
      },
    });
  }

  async remove(id: string): Promise<void> {
    await this.api.call('provider.delete', { id });
    this.store.setState((s) => {
      const providers = s.providers.filter((p) => p.id !== id);
      return { providers, selectedId: s.selectedId === id ? (providers[0]?.id ?? null) : s.selectedId };
    });
  }
}
