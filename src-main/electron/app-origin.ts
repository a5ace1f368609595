// Our page's one origin. The renderer is served from app://realmultillm/ and
// nowhere else: IPC, navigation and events all check against this.

export const APP_SCHEME = 'app';
export const APP_HOST = 'realmultillm';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for a URL on our own app:// origin (any path). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    // Chromium lowercases a standard scheme's host; Node keeps a custom scheme's as written.
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}
