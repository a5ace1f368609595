// The handler table: one function per method of the API contract, grouped by domain
// like src-shared/api/methods. Inputs arrive already validated by the dispatcher.
import type { Handlers } from '../../../../src-shared/api/contract';
import { appHandlers } from './app';
import { chatHandlers } from './chat';
import { conversationHandlers } from './conversations';
import type { HandlerDeps } from './deps';
import { providerHandlers } from './providers';
import { vaultHandlers } from './vault';

export { APP_VERSION } from './app';
export type { HandlerDeps } from './deps';

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...appHandlers(deps),
    ...conversationHandlers(deps),
    ...providerHandlers(deps),
    ...vaultHandlers(deps),
    ...chatHandlers(deps),
  };
}
