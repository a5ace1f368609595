// The handler table: one function per method of the API contract. Inputs arrive
// already validated by the dispatcher.
import { AppError } from '../../../src-shared/api/errors';
import type { Handlers } from '../../../src-shared/api/contract';
import type { ProviderConfig, ProviderView } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import type { ChatService } from '../chat/chat-service';
import type { SecretRedactor } from '../log/logger';
import { testConnection } from '../providers';
import type { ConversationStore } from '../store/types';
import type { Vault } from '../vault/types';

export const APP_VERSION = '0.1.0';

export interface HandlerDeps {
  store: ConversationStore;
  vault: Vault;
  chat: ChatService;
  redactor: SecretRedactor;
  transport: 'electron' | 'browser';
}

export function createHandlers({ store, vault, chat, redactor, transport }: HandlerDeps): Handlers {
  const view = async (provider: ProviderConfig): Promise<ProviderView> => ({
    ...provider,
    key: await vault.status(provider.id),
  });
  const requireProvider = async (id: string) => {
    const provider = await store.getProvider(id);
    if (!provider) throw new AppError('provider.missing', 'That provider no longer exists. Add it again in Providers.');
    return provider;
  };
  const setKey = async (provider: string, key: string) => {
    redactor.add(key);
    return vault.set(provider, key);
  };

  return {
    'app.info': async () => ({ version: APP_VERSION, transport, vaultBackend: vault.backend }),
    'conversation.list': async ({ limit }) => store.listConversations(limit),
    'conversation.get': async ({ id }) => {
      const found = await store.getConversation(id);
      if (!found) throw new AppError('conversation.missing', 'That conversation no longer exists.');
      return found;
    },
    'conversation.delete': async ({ id }) => ({ deleted: await store.deleteConversation(id) }),
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
      if (apiKey && apiKey.trim()) await setKey(saved.id, apiKey.trim());
      return view(saved);
    },
    'provider.delete': async ({ id }) => {
      const deleted = await store.deleteProvider(id);
      await vault.delete(id);
      return { deleted };
    },
    'provider.test': async ({ id }) => {
      const provider = await requireProvider(id);
      const apiKey = await vault.get(provider.id);
      const result = await testConnection({
        baseUrl: provider.baseUrl,
        apiKey,
        model: provider.model,
        signal: AbortSignal.timeout(30_000),
      });
      return { ok: true as const, ...result };
    },
    'vault.list': async () => vault.list(),
    'vault.setKey': async ({ provider, key }) => {
      await requireProvider(provider);
      return setKey(provider, key);
    },
    'vault.deleteKey': async ({ provider }) => vault.delete(provider),
    'chat.send': async (input) => chat.send(input),
    'chat.stop': async ({ messageId }) => ({ stopped: chat.stop(messageId) }),
  };
}
