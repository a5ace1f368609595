// The one main window: our app:// page, with the preload and the locked-down
// webPreferences from policy.ts.
import { BrowserWindow } from 'electron';
import type { Logger } from '../core/log/logger';
import { APP_ENTRY_URL } from './app-origin';
import { secureWebPreferences } from './policy';

export function createMainWindow(options: { preload: string; log: Logger }): BrowserWindow {
  const { log } = options;
  const window = new BrowserWindow({
    title: 'RealMultiLLM',
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#15171c',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preload),
  });
  // Show once painted; a page that fails to load must not leave an invisible window.
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame) return;
    log.error('the window could not load the app', { code, description, url });
    if (!window.isVisible()) window.show();
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('the window renderer stopped', { reason: details.reason, exitCode: details.exitCode });
  });
  window.webContents.on('preload-error', (_event, preloadPath, error) => {
    log.error('the preload failed', { preloadPath, error });
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log.error('loading the app page failed', { error }));
  return window;
}
