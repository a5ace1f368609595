import type { HandlerDeps, HandlersOf } from './deps';

export const APP_VERSION = '0.1.0';

export function appHandlers({ vault, transport }: HandlerDeps): HandlersOf<'app'> {
  return {
    'app.info': async () => ({ version: APP_VERSION, transport, vaultBackend: vault.backend }),
  };
}
