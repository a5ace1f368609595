// Update checks through electron-updater, for packaged builds only (a development
// run has no app-update.yml and nothing to update). A failed check is logged and
// otherwise ignored: updates must never stop the app from working.
import type { Logger } from '../core/log/logger';

const RECHECK_MS = 6 * 60 * 60 * 1000;

function text(message: unknown): string {
  return message instanceof Error ? message.message : String(message);
}

export function startUpdateChecks(options: { isPackaged: boolean; log: Logger }): void {
  const { log } = options;
  if (!options.isPackaged) return;
  void (async () => {
    try {
      // Loaded lazily so a broken or missing updater cannot stop start-up.
      const { default: updater } = await import('electron-updater');
      const { autoUpdater } = updater;
      autoUpdater.logger = {
        info: (message?: unknown) => log.info('updater', { message: text(message) }),
        warn: (message?: unknown) => log.warn('updater', { message: text(message) }),
        error: (message?: unknown) => log.error('updater', { message: text(message) }),
      };
      // Without an 'error' listener an EventEmitter throws on 'error'.
      autoUpdater.on('error', (error) => log.warn('update check failed', { error }));
      const check = () =>
        autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => log.warn('update check failed', { error }));
      await check();
      setInterval(() => void check(), RECHECK_MS).unref();
    } catch (error) {
      log.warn('the updater could not start', { error });
    }
  })();
}
