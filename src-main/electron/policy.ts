// Every security decision the shell makes, as plain functions with no electron
// import, so each one is unit-tested. security.ts and ipc.ts only wire them up.
import { isAppUrl } from './app-origin';

/** Longest link we hand to the OS (Windows' ShellExecute stops near 2 kB). */
const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The URL to open in the system browser, or null when it must not be opened:
 * only http(s) with a host and no credentials. file:, javascript:, custom schemes
 * (which can launch other programs) and anything unparsable are refused. The
 * normalised form is returned so the OS opens exactly what was checked.
 */
export function toExternalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_EXTERNAL_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  // user:pass@ in a link is a phishing trick ("https://bank.com@evil.example").
  if (url.username || url.password) return null;
  return url.href;
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
