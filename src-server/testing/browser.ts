// A minimal browser for sign-in tests: it keeps cookies per host, follows
// redirects one hop at a time, submits the forms of the server's pages, and stops
// at the desktop's loopback callback (which only the app would open).
import type { FormPage } from './forms';

export interface BrowserStop {
  /** The loopback callback the chain ended at (the app's), or null when it ended at a page. */
  callback: URL | null;
  status: number;
  html: string;
  /** Every address visited, in order. */
  visited: string[];
}

export class TestBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  constructor(
    private readonly stopAt: string,
    private readonly headers: Record<string, string> = {},
    /** Changes an address before it is visited (a test that plays the attacker in the middle). */
    private readonly rewrite: (url: URL) => URL = (url) => url,
  ) {}

  private cookieHeader(url: URL): string {
    return [...(this.jar.get(url.host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const cookies = this.jar.get(url.host) ?? new Map<string, string>();
      cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
      this.jar.set(url.host, cookies);
    }
  }

  private async request(url: URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...(init.headers as Record<string, string> | undefined) });
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.keep(url, response);
    return response;
  }

  /** Follows redirects from `first` until a page or the app's callback. */
  private async follow(first: Response, from: URL, visited: string[]): Promise<BrowserStop> {
    let response = first;
    let url = from;
    for (let hop = 0; hop < 20; hop++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { callback: null, status: response.status, html: await response.text(), visited };
      }
      await response.body?.cancel();
      url = this.rewrite(new URL(location, url));
      visited.push(url.href);
      if (url.href.startsWith(this.stopAt)) return { callback: url, status: response.status, html: '', visited };
      response = await this.request(url);
    }
    throw new Error(`more than 20 redirects: ${visited.join(' -> ')}`);
  }

  async open(address: string): Promise<{ page: FormPage; stop: BrowserStop }> {
    const url = new URL(address);
    const response = await this.request(url);
    if (response.status >= 300 && response.status < 400) return { page: emptyPage(response.status), stop: await this.follow(response, url, [url.href]) };
    const html = await response.text();
    return { page: pageOf(response.status, html), stop: { callback: null, status: response.status, html, visited: [url.href] } };
  }

  /** Submits the form whose action is `action` (the n-th one when several share it) with its hidden fields. */
  async submit(base: string, html: string, action: string, fields: Record<string, string> = {}, index = 0): Promise<BrowserStop> {
    const forms = [...html.matchAll(/<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/g)].filter((match) => match[1] === action);
    const form = forms[index];
    if (!form) throw new Error(`no form posts to ${action}`);
    const hidden = pageOf(200, form[2]!).hidden;
    const url = new URL(action, base);
    const response = await this.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...hidden, ...fields }).toString(),
    });
    return this.follow(response, url, [url.href]);
  }

  /** Opens an address and follows where it leads. */
  async go(address: string): Promise<BrowserStop> {
    const url = new URL(address);
    return this.follow(await this.request(url), url, [url.href]);
  }
}

function emptyPage(status: number): FormPage {
  return { status, html: '', cookie: '', hidden: {} };
}

function pageOf(status: number, html: string): FormPage {
  const hidden: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([\w-]+)" value="([^"]*)">/g)) {
    hidden[match[1]!] = match[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  }
  return { status, html, cookie: '', hidden };
}
