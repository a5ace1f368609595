import { existsSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { AppError } from '../../../../src-shared/api/errors';
import type { TransferProgress } from '../../../../src-shared/entities/transfer';
import type { TransferStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

/** Import and export run in the store's workers; this side tracks them by job id so they can be cancelled. */
export function transferHandlers({ store, chat, uploadsDir }: StoreDeps<TransferStore>): HandlersOf<'transfer'> {
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
  const absolute = (path: string) => {
    if (!isAbsolute(path)) throw new AppError('transfer.relative-path', `"${path}" is not a full path. Choose the file again.`, { path });
    return path;
  };
  return {
    'transfer.import': async ({ jobId, path, format }) => {
      try {
        return await track(jobId, (signal) => store.importFile({ path: absolute(path), format }, { jobId, signal, onProgress }));
      } finally {
        // A file the browser host received for this import is a copy: it goes, whatever the outcome.
        if (uploadsDir && dirname(resolve(path)) === resolve(uploadsDir)) rmSync(path, { force: true });
      }
    },
    'transfer.export': async ({ jobId, path, format, conversationId, replace }) => {
      absolute(path);
      if (!replace && existsSync(path)) {
        throw new AppError('transfer.exists', `${path} already exists. Choose another name, or confirm that it should be replaced.`, { path });
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
