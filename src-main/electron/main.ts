// The desktop app's entry point (bundled to dist/main/electron.js): lifecycle only.
// One instance per data folder, one window, the core created at start and closed
// on quit. Everything the window may do is decided in security.ts and ipc.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createCore, type Core } from '../core/app';
import { defaultDataDir } from '../core/paths';
import { wireIpc } from './ipc';
import { installAppMenu } from './menu';
import { registerAppScheme, serveRendererOver } from './protocol';
import { desktopSafeStorage } from './safe-storage';
import { hardenSession, installSecurityPolicy, openExternalPage, sandboxEveryRenderer } from './security';
import { startUpdateChecks } from './updater';
import { createMainWindow } from './window';

/** How long quitting waits for the core to flush and close before giving up. */
const CLOSE_TIMEOUT_MS = 5_000;

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '../renderer');
const preload = path.join(here, 'preload.cjs');

// Before ready: every renderer sandboxed, the scheme privileged, and userData pointing at the
// core's data folder (REALMULTILLM_DATA_DIR or the OS default, which is the folder
// Electron would pick anyway) so Chromium's own files, the single-instance lock
// and the core's store all live in one place.
sandboxEveryRenderer(app);
registerAppScheme();
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

function showWindow(): void {
  if (!core) return;
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow({ preload, log: core.log });
    mainWindow.on('closed', () => (mainWindow = null));
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  core = await createCore({
    dataDir,
    transport: 'electron',
    echoLog: !app.isPackaged,
    safeStorage: desktopSafeStorage(),
    // The team server's sign-in page opens in the system browser (RFC 8252), never in the app's window.
    openExternal: openExternalPage,
  });
  const { log } = core;
  installSecurityPolicy(app, log);
  hardenSession(session.defaultSession, log);
  serveRendererOver(session.defaultSession, rendererDir, log);
  wireIpc(core, () => mainWindow);
  installAppMenu({ isPackaged: app.isPackaged, platform: process.platform });
  showWindow();
  startUpdateChecks({ isPackaged: app.isPackaged, log });
}

function closeCore(): Promise<void> {
  if (!core) return Promise.resolve();
  const closing = core.close().catch((error: unknown) => console.error('Closing the core failed:', error));
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
  return Promise.race([closing, timeout]);
}

if (!app.requestSingleInstanceLock()) {
  // Another RealMultiLLM already uses this data folder: it gets focus (below), we leave.
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  // macOS keeps the app running with no window; clicking the dock icon reopens it.
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void closeCore().finally(() => {
      closed = true;
      app.quit();
    });
  });

  start().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    console.error('RealMultiLLM could not start:', error);
    dialog.showErrorBox(
      'RealMultiLLM could not start',
      `${reason}\n\nYour conversations are in ${dataDir}. If this keeps happening, the log in ${path.join(dataDir, 'logs')} says more.`,
    );
    app.exit(1);
  });
}
