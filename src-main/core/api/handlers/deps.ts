import type { Handlers } from '../../../../src-shared/api/contract';
import type { ChatService } from '../../chat/chat-service';
import type { FileGrants } from '../../files/grants';
import type { CompareService } from '../../chat/compare-service';
import type { PipelineService } from '../../chat/pipeline-service';
import type { SecretRedactor } from '../../log/logger';
import type { LocalStore } from '../../store';
import type { SyncService } from '../../sync/sync-service';
import type { ManagedVault } from '../../vault/types';

export interface HandlerDeps {
  store: LocalStore;
  vault: ManagedVault;
  chat: ChatService;
  /** Made from `chat` when not given (tests that need only some domains). */
  compare?: CompareService;
  pipelines?: PipelineService;
  /** Team sync; absent in tests of other domains (its methods then say sync is off). */
  sync?: SyncService;
  redactor: SecretRedactor;
  transport: 'electron' | 'browser';
  /** The one-time grants the transfer methods take instead of paths; minted by the shell or the host. */
  files: FileGrants;
}

/** HandlerDeps with every service present. */
export type ServiceDeps = HandlerDeps & { compare: CompareService; pipelines: PipelineService };

/** The deps of a domain's handlers, with only the part of the store they use (core/store/interfaces.ts). */
export type StoreDeps<Store, Deps = HandlerDeps> = Omit<Deps, 'store'> & { store: Store };

/** The handlers of the methods whose names start with `Prefix.`. */
export type HandlersOf<Prefix extends string> = {
  [M in keyof Handlers as M extends `${Prefix}.${string}` ? M : never]: Handlers[M];
};
