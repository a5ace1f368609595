import { existsSync } from 'node:fs';
import { AppError } from '../../../../src-shared/api/errors';
import type { TransferProgress } from '../../../../src-shared/models/transfer';
import type { HandlerDeps, HandlersOf } from './deps';

/** Import and export run in the store's workers; this side tracks them by job id so they can be cancelled. */
export function transferHandlers({ store, chat }: HandlerDeps): HandlersOf<'transfer'> {
  const running = new Map<string, AbortController>();
  const track = async <T>(jobId: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (running.has(jobId)) throw new AppError('transfer.busy', 'That import or export is already running.');
    const controller = new AbortController();
    running.set(jobId, controller);
    try {
      return await run(controller.signal);
    } finally {
      running.delete(jobId);
    }
  };
  const onProgress = (progress: TransferProgress) => chat.emit('transfer.progress', progress);
  return {
    'transfer.import': ({ jobId, path, format }) =>
      track(jobId, (signal) => store.importFile({ path, format }, { jobId, signal, onProgress })),
    'transfer.export': ({ jobId, path, format, conversationId, replace }) => {
      if (!replace && existsSync(path)) {
        throw new AppError('transfer.exists', `${path} already exists. Choose another name, or confirm that it should be replaced.`);
      }
      return track(jobId, (signal) =>
        store.exportFile({ path, format, ...(conversationId && { conversationId }) }, { jobId, signal, onProgress }),
      );
    },
    'transfer.cancel': async ({ jobId }) => {
      const controller = running.get(jobId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
