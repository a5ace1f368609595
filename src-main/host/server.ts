// The browser host's API: one WebSocket on 127.0.0.1 only, plus POST /upload (an
// export file chosen in the page, for an import), POST /export (conversations
// exported and sent back as a download) and POST /grant (a path typed in the
// page, granted only inside the allowed folders). Each needs the launch token and
// our own Origin; a request without them is refused before it can send or receive
// anything. Files reach the core only as one-time grants (core/files), and every
// refusal is a coded error (`{ error: { code, message, params } }`). The HTTP server itself, and the renderer's files, are site.ts's: it
// listens before the core is loaded (entry.ts), and this connects the core to it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  HOST_API_PATH,
  HOST_EXPORT_CONVERSATIONS_HEADER,
  HOST_EXPORT_MESSAGES_HEADER,
  HOST_GRANT_PATH,
  HOST_TOKEN_HEADER,
  HOST_TOKEN_PARAM,
  HOST_UPLOAD_PATH,
} from '../../src-shared/api/channels';
import { WireRequest, type WireReply, type WireServerMessage } from '../../src-shared/api/wire';
import { AppError } from '../../src-shared/api/errors';
import type { UserError } from '../../src-shared/domain';
import type { Core } from '../core/app';
import { AllowedFolders } from '../core/files/allowed-folders';
import type { FileGrant } from '../core/files/grants';
import { dataPaths } from '../core/paths';
import { EXPORT_EXTENSIONS, exportFileName } from '../core/store';
import { openHostSite, SECURITY_HEADERS, type HostSite } from './site';


/**
 * Largest message a client may send: a long prompt with its files fits (1,000,000
 * characters and ATTACHMENT_LIMITS.totalBytes of files, base64-encoded); a flood does not.
 */
const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/** An export request or a typed path (a path is at most 4096 bytes). */
const MAX_SMALL_REQUEST_BYTES = 8192;

const MALFORMED_CALL = new AppError(
  'api.malformed_call',
  'The page sent a request that is not a call this app understands. Reload the page; if it keeps happening, update the app.',
).toJSON();
/** Larger than any chat export we have seen (ChatGPT's of years of use is about 1 GB). */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;

/** The server already listening (entry.ts), or what to open one with. */
export type HostServerOptions = {
  core: Core;
  /** Folders besides the data folder where a typed path may lead (`--allow-dir`); each must exist. */
  allowDirs?: string[];
} & (
  | { site: HostSite }
  | {
      staticDir: string;
      port?: number;
      /** 64 hex characters (256 bits); made fresh when not given. */
      token?: string;
    }
);

export interface HostServer {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const { core } = options;
  const site =
    'site' in options
      ? options.site
      : await openHostSite({
          staticDir: options.staticDir,
          ...(options.port !== undefined && { port: options.port }),
          ...(options.token !== undefined && { token: options.token }),
        });
  const { token } = site;
  core.redactor.add(token);

  // Typed paths resolve only inside these (symlinks and `..` resolved first).
  const allowed = new AllowedFolders([core.dataDir, ...(options.allowDirs ?? [])]);

  /** A JSON reply; an error closes the connection rather than read a body it refused. */
  function replyTo(res: http.ServerResponse, status: number, body: FileGrant | { grant: string } | { error: UserError }): void {
    if (status >= 400) res.setHeader('Connection', 'close');
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }

  const refuse = (res: http.ServerResponse, status: number, error: AppError | UserError) =>
    replyTo(res, status, { error: error instanceof AppError ? error.toJSON() : error });

  /** A POST from our own page with the token; otherwise answered with the refusal, and false. */
  function admitted(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (req.method !== 'POST') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'POST', 'Content-Type': 'text/plain' }).end('Method not allowed');
      return false;
    }
    if (!site.isOurOrigin(req.headers.origin)) {
      refuse(res, 403, new AppError('host.foreign_origin', 'Only this app’s own page may send or fetch files here.'));
      return false;
    }
    if (!sameSecret(String(req.headers[HOST_TOKEN_HEADER] ?? ''), token)) {
      refuse(res, 401, new AppError('host.stale_token', 'This page is not connected to the app any more. Reload it from the address the app printed.'));
      return false;
    }
    return true;
  }

  /** A small JSON body (an export request, a typed path), or null once the refusal is sent. */
  async function readSmallJson(req: http.IncomingMessage, res: http.ServerResponse): Promise<Record<string, unknown> | null> {
    let raw = '';
    try {
      for await (const chunk of req) {
        raw += chunk;
        if (raw.length > MAX_SMALL_REQUEST_BYTES) throw new Error('too long');
      }
    } catch {
      refuse(res, 413, new AppError('host.request_too_long', 'The request is too long. Reload the page and try again.'));
      return null;
    }
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Said below.
    }
    refuse(res, 400, new AppError('host.request_not_json', 'The request could not be read. Reload the page and try again.'));
    return null;
  }

  /** Keeps the file in the uploads folder and answers with a grant to read it; the import deletes it (core/api/handlers/transfer.ts). */
  function receiveUpload(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!admitted(req, res)) return;
    const length = Number(req.headers['content-length']);
    if (!Number.isSafeInteger(length) || length <= 0) return refuse(res, 411, new AppError('host.upload_empty', 'The file is empty, or its size was not sent. Choose it again.'));
    if (length > MAX_UPLOAD_BYTES) {
      const size = (length / 1024 ** 3).toFixed(1);
      const max = MAX_UPLOAD_BYTES / 1024 ** 3;
      return refuse(res, 413, new AppError('host.upload_too_large', `The file is ${size} GB; the app takes files of up to ${max} GB.`, { size, max }));
    }
    const dir = dataPaths(core.dataDir).uploads;
    const file = path.join(dir, `${crypto.randomUUID()}.json`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const out = fs.createWriteStream(file, { mode: 0o600 });
    pipeline(req, out).then(
      () => {
        if (out.bytesWritten === length) return replyTo(res, 201, { grant: core.files.grantRead(file, { deleteAfter: true }).grant });
        fs.rmSync(file, { force: true });
        refuse(res, 400, new AppError('host.upload_incomplete', 'The file arrived incomplete. Choose it again.'));
      },
      (error: NodeJS.ErrnoException) => {
        fs.rmSync(file, { force: true });
        if (res.headersSent || req.destroyed) return;
        if (error.code === 'ENOSPC') {
          refuse(res, 507, new AppError('host.upload_disk_full', `The disk holding ${dir} is full. Free some space, then choose the file again.`, { folder: dir }));
        } else {
          core.log.error('could not save an uploaded file', { error });
          const details = error.code ?? error.message;
          refuse(res, 500, new AppError('host.upload_failed', `The file could not be saved in ${dir} (${details}).`, { folder: dir, details }));
        }
      },
    );
  }

  /** A path typed in the page, granted when it lies inside an allowed folder. */
  async function grantTypedPath(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!admitted(req, res)) return;
    const request = await readSmallJson(req, res);
    if (!request) return;
    const { path: typed, access } = request;
    if (typeof typed !== 'string' || typed.length === 0 || typed.includes('\0') || (access !== 'read' && access !== 'write')) {
      return refuse(res, 400, new AppError('host.request_not_json', 'The request could not be read. Reload the page and try again.'));
    }
    try {
      const real = allowed.resolve(typed, access);
      replyTo(res, 200, access === 'read' ? core.files.grantRead(real) : core.files.grantWrite(real));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refuse(res, 400, error);
    }
  }

  /** Exports to a scratch file beside the uploads (granted for writing, as any export is), sends it, and deletes it. */
  async function sendExport(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!admitted(req, res)) return;
    const request = await readSmallJson(req, res);
    if (!request) return;
    const dir = dataPaths(core.dataDir).uploads;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const format = request.format === 'markdown' ? 'markdown' : 'json';
    const extension = EXPORT_EXTENSIONS[format];
    const file = path.join(dir, `${crypto.randomUUID()}.${extension}`);
    try {
      // Through the dispatcher, so the request is checked as any API call is.
      const outcome = await core.dispatch('transfer.export', {
        jobId: request.jobId,
        format: request.format,
        file: { grant: core.files.grantWrite(file).grant },
        ...(request.conversationId !== undefined && { conversationId: request.conversationId }),
      });
      if (!outcome.ok) return refuse(res, 400, outcome.error);
      const summary = outcome.result as { conversations: number; messages: number };
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': extension === 'md' ? 'text/markdown; charset=utf-8' : 'application/json',
        'Content-Length': fs.statSync(file).size,
        'Content-Disposition': `attachment; filename="${exportFileName(format)}"`,
        // What the page shows once the file is saved.
        [HOST_EXPORT_CONVERSATIONS_HEADER]: String(summary.conversations),
        [HOST_EXPORT_MESSAGES_HEADER]: String(summary.messages),
      });
      await pipeline(fs.createReadStream(file), res);
    } catch (error) {
      core.log.warn('an export download stopped', { error });
      if (!res.headersSent) refuse(res, 500, new AppError('host.export_not_sent', 'The export could not be sent. Try again.'));
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
  const clients = new Set<WebSocket>();

  const upgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, reason: string) => {
      core.log.warn('refused a WebSocket connection', { reason });
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname !== HOST_API_PATH) return refuse(404, 'wrong path');
    if (!site.isOurHost(req.headers.host)) return refuse(421, 'wrong host');
    if (!site.isOurOrigin(req.headers.origin)) return refuse(403, 'wrong origin');
    if (!sameSecret(url.searchParams.get(HOST_TOKEN_PARAM) ?? '', token)) return refuse(401, 'missing or wrong token');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  };

  const send = (ws: WebSocket, message: WireServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', (error) => core.log.warn('WebSocket error', { error }));
    const answer = async (data: RawData, isBinary: boolean) => {
      let message: unknown;
      try {
        if (isBinary) throw new Error('binary');
        message = JSON.parse(data.toString());
      } catch {
        // No id to answer: the page is not speaking our protocol (1007: invalid message data).
        core.log.warn('closed a WebSocket that sent a message that is not JSON');
        ws.close(1007, 'Not a JSON message');
        return;
      }
      const parsed = WireRequest.safeParse(message);
      if (!parsed.success) {
        const id = (message as { id?: unknown } | null)?.id;
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
          core.log.warn('closed a WebSocket that sent a message without a call id');
          ws.close(1007, 'Not a call');
          return;
        }
        core.log.warn('refused a malformed WebSocket call', { id });
        send(ws, { type: 'result', id, ok: false, error: MALFORMED_CALL });
        return;
      }
      const request = parsed.data;
      const outcome = await core.dispatch(request.method, request.input);
      const reply: WireReply = outcome.ok
        ? { type: 'result', id: request.id, ok: true, result: outcome.result }
        : { type: 'result', id: request.id, ok: false, error: outcome.error };
      send(ws, reply);
    };
    ws.on('message', (data, isBinary) => {
      answer(data, isBinary).catch((error: unknown) => core.log.error('a WebSocket call failed', { error }));
    });
  });

  const unsubscribe = core.onEvent((event, payload) => {
    for (const ws of clients) send(ws, { type: 'event', event, payload });
  });

  site.connectApi({
    request: (req, res) => {
      const pathname = new URL(req.url ?? '/', 'http://host').pathname;
      const failed = (error: unknown) => {
        core.log.error('a file request failed', { error });
        if (!res.headersSent) refuse(res, 500, new AppError('internal', 'Something went wrong inside the app. Try again.'));
      };
      if (pathname === HOST_UPLOAD_PATH) receiveUpload(req, res);
      else if (pathname === HOST_GRANT_PATH) grantTypedPath(req, res).catch(failed);
      else sendExport(req, res).catch(failed);
    },
    upgrade,
  });

  return {
    port: site.port,
    token,
    url: site.url,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      await site.close();
    },
  };
}
