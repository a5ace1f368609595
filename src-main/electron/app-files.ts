// What the app:// protocol answers: files from the built renderer and nothing else,
// each with our Content-Security-Policy. Plain Node (no electron) so it is unit-tested.
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, mimeType } from '../core/renderer-assets';
import { isAppUrl } from './app-origin';

export { CONTENT_SECURITY_POLICY, mimeType };

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/**
 * Maps an app:// URL to a file under root, or null when the URL is not ours or
 * would leave root. `pathApi` lets tests check Windows path rules on any OS.
 */
export function resolveAppUrlToFile(url: string, root: string, pathApi: path.PlatformPath = path): string | null {
  if (!isAppUrl(url)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  // NUL ends a path in C; a backslash is a separator on Windows that URL parsing
  // never normalised, so "..\" could slip past the dot-segment removal.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const resolvedRoot = pathApi.resolve(root);
  const file = pathApi.resolve(resolvedRoot, relative);
  if (!file.startsWith(resolvedRoot + pathApi.sep)) return null;
  return file;
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/** Answers one app:// request from the files under root. */
export async function serveAppRequest(request: { method: string; url: string }, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plain(405, 'Method not allowed', { Allow: 'GET, HEAD' });
  }
  const file = resolveAppUrlToFile(request.url, root);
  if (!file) return plain(404, 'Not found');
  let body: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return plain(404, 'Not found');
    body = await fs.readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': mimeType(file), 'Content-Length': String(body.length) },
  });
}
