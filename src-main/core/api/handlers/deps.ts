import type { Handlers } from '../../../../src-shared/api/contract';
import type { ChatService } from '../../chat/chat-service';
import type { SecretRedactor } from '../../log/logger';
import type { ConversationStore } from '../../store/types';
import type { Vault } from '../../vault/types';

export interface HandlerDeps {
  store: ConversationStore;
  vault: Vault;
  chat: ChatService;
  redactor: SecretRedactor;
  transport: 'electron' | 'browser';
}

/** The handlers of the methods whose names start with `Prefix.`. */
export type HandlersOf<Prefix extends string> = {
  [M in keyof Handlers as M extends `${Prefix}.${string}` ? M : never]: Handlers[M];
};
