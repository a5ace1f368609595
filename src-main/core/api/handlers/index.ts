// The handler table: one function per method of the API contract, grouped by domain
// like src-shared/api/methods. Inputs arrive already validated by the dispatcher.
import type { Handlers } from '../../../../src-shared/api/contract';
import { appHandlers } from './app';
import { chatHandlers } from './chat';
import { compareHandlers } from './compare';
import { conversationHandlers } from './conversations';
import { dataHandlers } from './data';
import { CompareService } from '../../chat/compare-service';
import { PipelineService } from '../../chat/pipeline-service';
import type { HandlerDeps, ServiceDeps } from './deps';
import { goalHandlers } from './goals';
import { modelHandlers } from './models';
import { personaHandlers } from './personas';
import { pipelineHandlers } from './pipelines';
import { providerHandlers } from './providers';
import { syncHandlers } from './sync';
import { vaultHandlers } from './vault';

export { APP_VERSION } from './app';
export type { HandlerDeps } from './deps';

export function createHandlers(given: HandlerDeps): Handlers {
  const { store, chat } = given;
  const deps: ServiceDeps = {
    ...given,
    compare: given.compare ?? new CompareService({ store, chat, emit: chat.emit }),
    pipelines: given.pipelines ?? new PipelineService({ store, chat, emit: chat.emit, log: chat.log }),
  };
  return {
    ...appHandlers(deps),
    ...conversationHandlers(deps),
    ...dataHandlers(deps),
    ...providerHandlers(deps),
    ...vaultHandlers(deps),
    ...chatHandlers(deps),
    ...compareHandlers(deps),
    ...personaHandlers(deps),
    ...pipelineHandlers(deps),
    ...goalHandlers(deps),
    ...modelHandlers(deps),
    ...syncHandlers(deps),
  };
}
