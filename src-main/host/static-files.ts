// Serves the built renderer. Only files under the root are reachable.
import fs from 'node:fs';
import path from 'node:path';

/** Maps a request path to a file under root, or null when it would leave root. */
export function resolveStaticFile(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  const rootWithSep = path.resolve(root) + path.sep;
  if (!file.startsWith(rootWithSep)) return null;
  return file;
}

export function readStaticFile(root: string, requestPath: string): { file: string; body: Buffer } | null {
  const file = resolveStaticFile(root, requestPath);
  if (!file) return null;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return null;
    return { file, body: fs.readFileSync(file) };
  } catch {
    return null;
  }
}
