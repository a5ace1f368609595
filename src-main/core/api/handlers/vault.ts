import type { HandlerDeps, HandlersOf } from './deps';
import { requireProvider, setKey } from './providers';

export function vaultHandlers(deps: HandlerDeps): HandlersOf<'vault'> {
  const { vault } = deps;
  return {
    'vault.list': async () => vault.list(),
    'vault.setKey': async ({ provider, key }) => {
      await requireProvider(deps, provider);
      return setKey(deps, provider, key);
    },
    'vault.deleteKey': async ({ provider }) => vault.delete(provider),
  };
}
