// Drives the server's HTML forms as a browser would: keeps the cookie the page
// sets and posts the page's hidden fields back with the fields a person types.
export interface FormPage {
  status: number;
  html: string;
  cookie: string;
  hidden: Record<string, string>;
}

export async function openForm(url: string, headers: Record<string, string> = {}): Promise<FormPage> {
  const response = await fetch(url, { headers, redirect: 'manual' });
  const html = await response.text();
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const hidden: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([\w-]+)" value="([^"]*)">/g)) {
    hidden[match[1]!] = match[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  }
  return { status: response.status, html, cookie, hidden };
}

export function submitForm(url: string, form: FormPage, fields: Record<string, string>, options: { cookie?: string } = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: options.cookie ?? form.cookie },
    body: new URLSearchParams({ ...form.hidden, ...fields }).toString(),
  });
}
