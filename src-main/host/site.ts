// The browser host's HTTP server, up before the core: it listens and serves the
// built renderer at once, so the browser loads and starts the page while the rest
// of the app (server.ts, the core, their packages) is still loading. The API (the
// WebSocket, POST /upload, /export and /grant) is handed over by `connectApi`; requests
// for it that come before then wait, and are refused with 503 if the core cannot
// start. Only node:http and small modules here: entry.ts loads this first.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { HOST_EXPORT_PATH, HOST_GRANT_PATH, HOST_TOKEN_PARAM, HOST_UPLOAD_PATH } from '../../src-shared/api/channels';
import { CONTENT_SECURITY_POLICY, mimeType } from '../core/renderer-assets';
import { readStaticFile } from './static-files';

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/**
 * Vite names every file under assets/ by a hash of its content, so a cached copy
 * can never be stale: the browser keeps it (and V8 the code it compiled from it,
 * which it keeps only for cached scripts) across starts. index.html, which names
 * the current files, is never cached.
 */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const isHashedAsset = (pathname: string) => /^\/assets\/[^/]+-[\w-]{8}\.\w+$/.test(pathname);

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface HostApi {
  request: RequestHandler;
  upgrade: UpgradeHandler;
}

export interface HostSite {
  readonly server: http.Server;
  readonly port: number;
  readonly token: string;
  /** The address to open, token included. */
  readonly url: string;
  /** Our own Host names: a page elsewhere could point a hostname at 127.0.0.1 (DNS rebinding). */
  isOurHost(host: string | undefined): boolean;
  isOurOrigin(origin: string | undefined): boolean;
  /** Hands the API its requests, those that came before it first. */
  connectApi(api: HostApi): void;
  /** The core could not start: API requests, waiting and to come, are refused. */
  failApi(): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

export function makeToken(): string {
  return crypto.randomBytes(32).toString('hex');
}

const UNAVAILABLE = JSON.stringify({
  error: { code: 'host.not_started', message: 'RealMultiLLM could not start; the window where it was started says why.', params: {} },
});
const API_PATHS = new Set([HOST_UPLOAD_PATH, HOST_EXPORT_PATH, HOST_GRANT_PATH]);

export async function openHostSite(options: { staticDir: string; port?: number; token?: string }): Promise<HostSite> {
  const token = options.token ?? makeToken();
  let port = 0;
  let api: HostApi | null = null;
  let failed = false;
  const waiting: (() => void)[] = [];
  const hosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const whenApi = (use: (api: HostApi) => void, refuse: () => void) => {
    if (api) use(api);
    else if (failed) refuse();
    else waiting.push(() => (api ? use(api) : refuse()));
  };

  const server = http.createServer((req, res) => {
    if (!hosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://host').pathname;
    // The paths the API answers over HTTP (server.ts); everything else is a file of the renderer.
    if (API_PATHS.has(pathname)) {
      whenApi(
        (ready) => ready.request(req, res),
        () => res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', Connection: 'close' }).end(UNAVAILABLE),
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('Method not allowed');
      return;
    }
    const found = readStaticFile(options.staticDir, pathname);
    if (!found) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': mimeType(found.file), ...(isHashedAsset(pathname) && { 'Cache-Control': IMMUTABLE }) });
    res.end(req.method === 'HEAD' ? undefined : found.body);
  });

  // Without a listener, Node would drop the socket of an upgrade that comes before the API.
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    whenApi(
      (ready) => ready.upgrade(req, socket, head),
      () => {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        socket.destroy();
      },
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  const release = () => {
    for (const next of waiting.splice(0)) next();
  };

  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/#${HOST_TOKEN_PARAM}=${token}`,
    isOurHost: (host) => hosts().has(host ?? ''),
    isOurOrigin: (origin) => origins().has(origin ?? ''),
    connectApi(ready) {
      api = ready;
      release();
    },
    failApi() {
      failed = true;
      release();
    },
    async close() {
      failed = true;
      api = null;
      release();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A socket the browser opened ahead of need (it preconnects) carries no request
      // yet, so close() would wait for it to time out: at shutdown, close them all.
      server.closeAllConnections();
      await closed;
    },
  };
}
