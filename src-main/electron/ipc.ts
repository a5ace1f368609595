// The one door from the renderer into the core. ipcMain is wrapped once: one
// channel, and a call is answered only when it comes from our window's main frame
// on our app:// page. The core's dispatcher then validates the method and its
// input against the contract before any handler sees it. Two more channels, under
// the same check, open the system's dialogs (file-dialogs.ts): the save dialog for
// an export and the open dialog for an import. Each answers with a one-time grant
// for the file chosen, minted here, where the dialog is (core/files/grants.ts).
import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_OPEN_PATH_CHANNEL, IPC_SAVE_PATH_CHANNEL } from '../../src-shared/api/channels';
import type { WireEvent } from '../../src-shared/api/wire';
import { AppError } from '../../src-shared/api/errors';
import type { Core } from '../core/app';
import type { DispatchResult } from '../core/api/dispatcher';
import { isAppUrl } from './app-origin';
import { isOurMainFrame, type OurWindowFacts, type SenderFacts } from './policy';
import { chosenExport, chosenImport, exportDialogOptions, importDialogOptions } from './file-dialogs';

const REFUSED: DispatchResult = {
  ok: false,
  error: new AppError('ipc.refused', 'This page is not allowed to talk to RealMultiLLM.').toJSON(),
};

const INTERNAL: DispatchResult = {
  ok: false,
  error: new AppError(
    'internal',
    'Something went wrong inside the app. Try again; if it keeps happening, the log in the data folder says more.',
  ).toJSON(),
};

function frameFacts(frame: WebFrameMain | null): SenderFacts['frame'] {
  if (!frame) return null;
  try {
    return { processId: frame.processId, routingId: frame.routingId, url: frame.url, isTop: frame.parent === null };
  } catch {
    // A frame disposed mid-call throws on access: treat it as gone.
    return null;
  }
}

function windowFacts(window: BrowserWindow | null): OurWindowFacts | null {
  if (!window || window.isDestroyed()) return null;
  const { mainFrame } = window.webContents;
  return {
    webContentsId: window.webContents.id,
    mainFrame: { processId: mainFrame.processId, routingId: mainFrame.routingId },
  };
}

function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  return { webContentsId: event.sender.id, frame: frameFacts(event.senderFrame) };
}

/**
 * Answers calls from our window and pushes the core's events to it. `getWindow`
 * is read at each call, so a window re-created (macOS "activate") keeps working.
 * Returns a function that removes both.
 */
export function wireIpc(core: Core, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<DispatchResult> => {
    if (!isOurMainFrame(senderFacts(event), windowFacts(getWindow()))) {
      core.log.warn('refused an IPC call from a frame that is not our page', {
        method: typeof method === 'string' ? method.slice(0, 100) : typeof method,
      });
      return REFUSED;
    }
    try {
      return await core.dispatch(method, input);
    } catch (error) {
      core.log.error('dispatch failed', { error });
      return INTERNAL;
    }
  });

  // A grant to write the file an export should go to, chosen in the system's dialog over our window; null when cancelled.
  ipcMain.handle(IPC_SAVE_PATH_CHANNEL, async (event, format: unknown, labels: unknown): Promise<DispatchResult> => {
    const window = getWindow();
    if (!window || !isOurMainFrame(senderFacts(event), windowFacts(window))) return REFUSED;
    const options = exportDialogOptions(format, app.getPath('documents'), labels);
    if (!options) return { ok: false, error: new AppError('transfer.bad_format', 'Exports are saved as Markdown or JSON.').toJSON() };
    try {
      const chosen = chosenExport(await dialog.showSaveDialog(window, options), options);
      return { ok: true, result: chosen && core.files.grantWrite(chosen.path, { replaceConfirmed: chosen.replaceConfirmed }) };
    } catch (error) {
      core.log.error('the save dialog failed', { error });
      return INTERNAL;
    }
  });

  // A grant to read the export file an import should read, chosen in the system's dialog; null when cancelled.
  ipcMain.handle(IPC_OPEN_PATH_CHANNEL, async (event, labels: unknown): Promise<DispatchResult> => {
    const window = getWindow();
    if (!window || !isOurMainFrame(senderFacts(event), windowFacts(window))) return REFUSED;
    const options = importDialogOptions(app.getPath('downloads'), labels);
    try {
      const chosen = chosenImport(await dialog.showOpenDialog(window, options));
      return { ok: true, result: chosen && core.files.grantRead(chosen) };
    } catch (error) {
      core.log.error('the open dialog failed', { error });
      return INTERNAL;
    }
  });

  const stopEvents = core.onEvent((event, payload) => {
    const window = getWindow();
    if (!window || window.isDestroyed()) return;
    // Never push to a page that is not ours (navigation is blocked; this is the backstop).
    if (!isAppUrl(window.webContents.getURL())) return;
    const message: Omit<WireEvent, 'type'> = { event, payload };
    window.webContents.send(IPC_EVENT_CHANNEL, message);
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ipcMain.removeHandler(IPC_SAVE_PATH_CHANNEL);
    ipcMain.removeHandler(IPC_OPEN_PATH_CHANNEL);
    stopEvents();
  };
}
