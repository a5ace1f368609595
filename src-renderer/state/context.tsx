// Hands the stores to components. Components read state through selectors, so
// each one re-renders only when the slice it reads changes; actions are the
// stores' methods (`useStores().thread.open(id)`).
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../src-shared/api/contract';
import type { ComposerState } from './composer-store';
import type { ConversationListState } from './conversations-store';
import type { ProviderDraftState } from './provider-draft-store';
import type { ProvidersState } from './providers-store';
import type { SettingsState } from './settings-store';
import type { StatusState } from './status-store';
import type { Stores } from './stores';
import type { StreamingState } from './streaming-store';
import type { SyncStoreState } from './sync-store';
import type { ThreadState } from './thread-store';
import type { UiState } from './ui-store';
import type { VaultState } from './vault-store';

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores needs a StoresProvider above it');
  return stores;
}

/** The API client itself, for screens whose data lives only while they are open. */
export function useApi(): ApiClient {
  return useStores().api;
}

function useSlice<S, T>(pick: (stores: Stores) => { store: StoreApi<S> }, selector: (state: S) => T): T {
  return useStore(pick(useStores()).store, selector);
}

export const useStatus = <T,>(selector: (state: StatusState) => T): T => useSlice((s) => s.status, selector);
export const useProviders = <T,>(selector: (state: ProvidersState) => T): T => useSlice((s) => s.providers, selector);
export const useConversations = <T,>(selector: (state: ConversationListState) => T): T => useSlice((s) => s.conversations, selector);
export const useThread = <T,>(selector: (state: ThreadState) => T): T => useSlice((s) => s.thread, selector);
export const useStreaming = <T,>(selector: (state: StreamingState) => T): T => useSlice((s) => s.streaming, selector);
export const useComposer = <T,>(selector: (state: ComposerState) => T): T => useSlice((s) => s.composer, selector);
export const useSettings = <T,>(selector: (state: SettingsState) => T): T => useSlice((s) => s.settings, selector);
export const useUiState = <T,>(selector: (state: UiState) => T): T => useSlice((s) => s.ui, selector);
export const useProviderDraft = <T,>(selector: (state: ProviderDraftState) => T): T => useSlice((s) => s.providerDraft, selector);
export const useVault = <T,>(selector: (state: VaultState) => T): T => useSlice((s) => s.vault, selector);
export const useSync = <T,>(selector: (state: SyncStoreState) => T): T => useSlice((s) => s.sync, selector);
