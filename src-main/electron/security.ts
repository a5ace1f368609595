// Security as code, in one place: what any page may do, and what happens when it
// tries more. The decisions themselves live in policy.ts (unit-tested); this file
// attaches them to Electron. The page is our own, but it renders model output, so
// it is treated as untrusted.
import { shell, type App, type Session, type WebContents } from 'electron';
import type { Logger } from '../core/log/logger';
import { isAllowedNavigation, isPermissionAllowed, toExternalUrl } from './policy';

/** Sandboxes every renderer, whatever its webPreferences say. Must run before ready. */
export function sandboxEveryRenderer(app: App): void {
  app.enableSandbox();
}

/** Hardens every webContents as it is created; call before the first window. */
export function installSecurityPolicy(app: App, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
}

/** Denies every permission and device request for the session (see isPermissionAllowed). */
export function hardenSession(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, { url: details.requestingUrl, isMainFrame: details.isMainFrame });
    if (!allowed) log.warn('permission request denied', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, { url: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }),
  );
  session.setDevicePermissionHandler(() => false);
}

/** Opens an http(s) page in the system browser (the team server's sign-in page, a link); refuses anything else. */
export async function openExternalPage(raw: string): Promise<void> {
  const url = toExternalUrl(raw);
  if (!url) throw new Error('Only http(s) pages open in the browser.');
  await shell.openExternal(url);
}

function openInSystemBrowser(raw: string, log: Logger): void {
  const url = toExternalUrl(raw);
  if (!url) {
    log.warn('refused to open a link that is not http(s) or mailto', { url: raw.slice(0, 200) });
    return;
  }
  shell.openExternal(url).catch((error: unknown) => log.warn('could not open a link in the browser', { error }));
}

function hardenWebContents(contents: WebContents, log: Logger): void {
  // No <webview>: it would be a second, unconstrained browser inside ours.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview>');
  });

  // The window never leaves our page; links open in the system browser instead
  // (the renderer marks them target="_blank", which lands in the handler below).
  const guard = (event: { preventDefault(): void; url: string }) => {
    if (isAllowedNavigation(event.url)) return;
    event.preventDefault();
    log.warn('blocked a navigation', { url: event.url.slice(0, 200) });
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);

  // No new windows, ever. An http(s) or mailto link is handed to the system (browser, mail program).
  contents.setWindowOpenHandler(({ url }) => {
    openInSystemBrowser(url, log);
    return { action: 'deny' };
  });
}
