// Handlers for the local data's methods (src-shared/api/methods/data.ts).
import { analyticsHandlers } from './analytics';
import { backupHandlers } from './backup';
import type { HandlerDeps } from './deps';
import { searchHandlers } from './search';
import { transferHandlers } from './transfer';

export function dataHandlers(deps: HandlerDeps) {
  return { ...searchHandlers(deps), ...transferHandlers(deps), ...backupHandlers(deps), ...analyticsHandlers(deps) };
}
