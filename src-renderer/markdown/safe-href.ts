// Model output is untrusted, and so are the links in it. Only absolute http(s)
// and mailto links become links; anything else (javascript:, data:, file:,
// relative paths that would navigate the app itself) is shown as text.

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The normalised href when it is safe to open in a new window, otherwise null. */
export function safeHref(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol === 'mailto:') return url.pathname ? url.href : null;
  // user:pass@ lets a link read as one site while going to another.
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}
