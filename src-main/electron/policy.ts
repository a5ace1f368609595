// Every security decision the shell makes, as plain functions with no electron
// import, so each one is unit-tested. security.ts and ipc.ts only wire them up.
import { openableUrl } from '../../src-shared/links';
import { isAppUrl } from './app-origin';

/**
 * The URL to hand to the system (browser or mail program), or null when it must
 * not be opened. The same rule decides which links the renderer draws
 * (src-shared/links.ts), so every link drawn opens and nothing else does.
 */
export function toExternalUrl(raw: string): string | null {
  return openableUrl(raw);
}

export function isAllowedExternalUrl(raw: string): boolean {
  return toExternalUrl(raw) !== null;
}

/** Navigation (and redirects) may only stay on our own app:// page. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** What the IPC gate knows about the frame that sent a call. */
export interface SenderFrameFacts {
  processId: number;
  routingId: number;
  url: string;
  /** True when the frame has no parent. */
  isTop: boolean;
}

export interface SenderFacts {
  webContentsId: number;
  /** null when the frame already navigated away or was destroyed. */
  frame: SenderFrameFacts | null;
}

export interface OurWindowFacts {
  webContentsId: number;
  mainFrame: { processId: number; routingId: number };
}

/**
 * True only for our window's own top-level frame showing our app:// page. Frames
 * are compared by process and routing id: Electron may hand out distinct
 * WebFrameMain objects for the same frame, so object identity is not enough.
 */
export function isOurMainFrame(sender: SenderFacts, ours: OurWindowFacts | null): boolean {
  if (!ours || !sender.frame) return false;
  const { frame } = sender;
  return (
    sender.webContentsId === ours.webContentsId &&
    frame.isTop &&
    frame.processId === ours.mainFrame.processId &&
    frame.routingId === ours.mainFrame.routingId &&
    isAppUrl(frame.url)
  );
}

/**
 * Permissions the page may have. The app needs no camera, microphone, location,
 * notifications, MIDI, HID, serial, USB, screen capture or clipboard reading.
 * The one exception is writing sanitized text to the clipboard from our own page's
 * main frame, which "Copy" buttons need; it cannot read anything back.
 */
export function isPermissionAllowed(
  permission: string,
  requester: { url: string; isMainFrame: boolean },
): boolean {
  return permission === 'clipboard-sanitized-write' && requester.isMainFrame && isAppUrl(requester.url);
}

/** webPreferences for every window: the renderer is untrusted and gets no Node. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  } as const;
}
