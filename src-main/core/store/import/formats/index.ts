// Which format a file is in (from its first conversation) and how to read each.
import type { ImportFormat } from '../../../../../src-shared/entities/transfer';
import { fromChatGpt, isChatGpt } from './chatgpt';
import { fromClaude, isClaude } from './claude';
import { fromOurs, isOurs } from './realmultillm';
import type { ImportedConversation } from './types';

export type ConcreteFormat = Exclude<ImportFormat, 'auto'>;

export const READERS: Record<ConcreteFormat, (element: unknown, index: number) => ImportedConversation> = {
  chatgpt: fromChatGpt,
  claude: fromClaude,
  realmultillm: fromOurs,
};

export function detectFormat(element: unknown): ConcreteFormat | null {
  if (isChatGpt(element)) return 'chatgpt';
  if (isClaude(element)) return 'claude';
  if (isOurs(element)) return 'realmultillm';
  return null;
}
