// The app:// scheme that serves the built renderer. A standard, secure scheme
// gives the page a real origin (app://realmultillm) so CSP 'self', relative URLs
// and ES modules work as on https, without file:'s extra powers.
import { protocol, type Session } from 'electron';
import type { Logger } from '../core/log/logger';
import { serveAppRequest } from './app-files';
import { APP_SCHEME } from './app-origin';

/** Must run before the app is ready, and only once. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // No corsEnabled and no bypassCSP: other origins cannot read app:// and our
      // own CSP header always applies.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves app:// on the session from files under rendererDir only. */
export function serveRendererOver(session: Session, rendererDir: string, log: Logger): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const response = await serveAppRequest(request, rendererDir);
    if (response.status !== 200) log.warn('app:// request refused', { url: request.url, status: response.status });
    return response;
  });
}
