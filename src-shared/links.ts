// Which links the app will open: one rule for the renderer (which draws a link
// only when this allows it) and the desktop shell (which hands a link to the
// system only when this allows it), so a link that is drawn is a link that opens.
// Absolute http(s) with a host and no credentials, and mailto with an address.
// javascript:, data:, file:, custom schemes (which can launch other programs),
// relative paths (which would navigate the app itself) and anything unparsable
// are refused. The normalised form is returned so exactly what was checked opens.

/** The WHATWG URL parser, there in every runtime of the app (Node, browsers, workers); src-shared's types include neither DOM nor Node. */
declare const URL: new (input: string) => { protocol: string; host: string; hostname: string; username: string; password: string; pathname: string; href: string };

/** Longest link we hand to the OS (Windows' ShellExecute stops near 2 kB). */
export const MAX_LINK_LENGTH = 2048;

export function openableUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || !raw || raw.length > MAX_LINK_LENGTH) return null;
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return /^[^@\s/]+@[^@\s/]+$/.test(decodeURIComponent(url.pathname)) ? url.href : null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // user:pass@ lets a link read as one site while going to another ("https://bank.example@evil.example").
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

/** Where a link goes, in the words to show before opening it: the host, or the mail address. */
export function linkDestination(href: string): string {
  const url = new URL(href);
  return url.protocol === 'mailto:' ? decodeURIComponent(url.pathname) : url.host;
}

/**
 * True when a link's visible text is its own address (an autolink, or text that
 * names the same URL), so opening it holds no surprise. Otherwise the user is
 * shown the real destination first.
 */
export function textShowsAddress(text: string, href: string): boolean {
  const shown = text.trim();
  if (!shown) return false;
  if (href.startsWith('mailto:')) return shown === linkDestination(href) || openableUrl(shown) === href;
  const candidates = [shown, `http://${shown}`, `https://${shown}`];
  return candidates.some((candidate) => {
    const url = openableUrl(candidate);
    return url !== null && (url === href || url.replace(/\/$/, '') === href.replace(/\/$/, ''));
  });
}
