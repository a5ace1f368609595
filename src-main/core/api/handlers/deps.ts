import type { Handlers } from '../../../../src-shared/api/contract';
import type { ChatService } from '../../chat/chat-service';
import type { CompareService } from '../../chat/compare-service';
import type { PipelineService } from '../../chat/pipeline-service';
import type { SecretRedactor } from '../../log/logger';
import type { ConversationStore } from '../../store/types';
import type { ManagedVault } from '../../vault/types';

export interface HandlerDeps {
  store: ConversationStore;
  vault: ManagedVault;
  chat: ChatService;
  /** Made from `chat` when not given (tests that need only some domains). */
  compare?: CompareService;
  pipelines?: PipelineService;
  redactor: SecretRedactor;
  transport: 'electron' | 'browser';
  /** Where the browser host puts export files it received; an import of one deletes it after. */
  uploadsDir?: string;
}

/** HandlerDeps with every service present. */
export type ServiceDeps = HandlerDeps & { compare: CompareService; pipelines: PipelineService };

/** The handlers of the methods whose names start with `Prefix.`. */
export type HandlersOf<Prefix extends string> = {
  [M in keyof Handlers as M extends `${Prefix}.${string}` ? M : never]: Handlers[M];
};
