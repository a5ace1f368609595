import { existsSync, rmSync } from 'node:fs';
import { AppError } from '../../../../src-shared/api/errors';
import type { ExportFormat, TransferProgress } from '../../../../src-shared/entities/transfer';
import type { GrantedFile } from '../../files/grants';
import type { TransferStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

/** The extensions a file of each kind must end in (the grant's path, not a name the page sent). */
const EXTENSIONS: Record<'import' | ExportFormat, { test: RegExp; named: string }> = {
  import: { test: /\.json$/i, named: 'json' },
  json: { test: /\.json$/i, named: 'json' },
  markdown: { test: /\.(md|markdown)$/i, named: 'md' },
};

function checkExtension(file: GrantedFile, kind: keyof typeof EXTENSIONS): void {
  const { test, named } = EXTENSIONS[kind];
  if (!test.test(file.name)) {
    throw new AppError('transfer.wrong_extension', `${file.name} does not end in .${named}, as this format needs. Choose a file that does.`, {
      name: file.name,
      extension: named,
    });
  }
}

/**
 * Import and export run in the store's workers; this side tracks them by job id so
 * they can be cancelled. Files come only as grants (core/files/grants.ts): each is
 * spent here before anything is read or written.
 */
export function transferHandlers({ store, chat, files }: StoreDeps<TransferStore>): HandlersOf<'transfer'> {
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
    'transfer.import': async ({ jobId, file, format }) => {
      const granted = files.take(file.grant, 'read');
      try {
        checkExtension(granted, 'import');
        return await track(jobId, (signal) => store.importFile({ path: granted.path, format }, { jobId, signal, onProgress }));
      } finally {
        // A copy the browser host received for this import goes, whatever the outcome.
        if (granted.deleteAfter) rmSync(granted.path, { force: true });
      }
    },
    'transfer.export': async ({ jobId, file, format, conversationId, replace }) => {
      const granted = files.take(file.grant, 'write');
      checkExtension(granted, format);
      const { path } = granted;
      if (!replace && !granted.replaceConfirmed && existsSync(path)) {
        throw new AppError('transfer.exists', `${path} already exists. Choose another name, or confirm that it should be replaced.`, { path });
      }
      return track(jobId, (signal) => store.exportFile({ path, format, ...(conversationId && { conversationId }) }, { jobId, signal, onProgress }));
    },
    'transfer.cancel': async ({ jobId }) => {
      const controller = running.get(jobId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
