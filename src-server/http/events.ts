// The events WebSocket: each signed-in device keeps one open, and the server says
// `{type: 'at', space, seq}` whenever a space the device's account can read moves.
// Signals come from the head bus (this process's pushes on SQLite; every replica's
// through LISTEN/NOTIFY on PostgreSQL). Who reads a space is cached per space and
// dropped when its members change; a fan-out is one serialisation and a send per socket.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { EVENTS_PATH, type SpaceHeadEvent } from '../../src-shared/sync/wire';
import { authenticateAccess, type Caller } from '../auth/oauth';
import type { ServerContext } from '../context';
import type { HeadSignal } from '../db/heads';
import type { ApiError } from '../errors';
import { bearerToken, checkProtocol } from './guards';

interface Client {
  socket: WebSocket;
  caller: Caller;
  alive: boolean;
  expiry: NodeJS.Timeout;
}

const PING_EVERY_MS = 30_000;
/** Close codes the client acts on: sign in again (revoked) or reconnect with a fresh token (expired). */
export const CLOSE_REVOKED = 4003;
export const CLOSE_TOKEN_EXPIRED = 4001;
/** RFC 6455 "Service Restart": the server is shutting down; reconnect after the delay the reason names. */
export const CLOSE_RESTARTING = 1012;
export const RECONNECT_AFTER_MS = 1000;
/** How long sockets get to answer the closing handshake before they are cut. */
const CLOSE_GRACE_MS = 1000;

export class EventHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  private readonly byAccount = new Map<string, Set<Client>>();
  private readonly readers = new Map<string, Promise<Set<string>>>();
  private readonly unsubscribe: (() => void)[];
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly context: ServerContext) {
    const { heads } = context.database;
    this.unsubscribe = [heads.on((signal) => this.onSignal(signal)), heads.onResync(() => void this.resync())];
    this.pinger = setInterval(() => this.ping(), PING_EVERY_MS).unref();
  }

  get connections(): number {
    let count = 0;
    for (const clients of this.byAccount.values()) count += clients.size;
    return count;
  }

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.upgrade(request, socket, head);
    });
  }

  async close(): Promise<void> {
    for (const stop of this.unsubscribe) stop();
    clearInterval(this.pinger);
    const sockets = [...this.byAccount.values()].flatMap((clients) => [...clients].map((client) => client.socket));
    const reason = JSON.stringify({ reconnectAfterMs: RECONNECT_AFTER_MS });
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            const cut = setTimeout(() => {
              socket.terminate();
              resolve();
            }, CLOSE_GRACE_MS);
            socket.once('close', () => {
              clearTimeout(cut);
              resolve();
            });
            socket.close(CLOSE_RESTARTING, reason);
          }),
      ),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    try {
      const path = new URL(request.url ?? '/', 'http://server').pathname;
      if (path !== EVENTS_PATH) return refuse(socket, 404, 'request.not_found', 'There is no WebSocket at this address.');
      const protocolError = checkProtocol(request.headers);
      if (protocolError) return refuse(socket, protocolError.status, protocolError.code, protocolError.message);
      const token = bearerToken(request.headers.authorization);
      const caller = token ? await authenticateAccess(this.context, token) : null;
      if (!caller) return refuse(socket, 401, 'auth.invalid_token', 'Sign in again: the access token is missing, expired or revoked.');
      this.wss.handleUpgrade(request, socket, head, (ws) => this.welcome(ws, caller));
    } catch (error) {
      this.context.log.warn('events: upgrade failed', { error: error instanceof Error ? error.message : String(error) });
      refuse(socket, 503, 'server.unavailable', 'The server cannot reach its database right now. Try again in a minute.');
    }
  }

  private welcome(socket: WebSocket, caller: Caller): void {
    const expiry = setTimeout(() => socket.close(CLOSE_TOKEN_EXPIRED, 'access token expired'), Math.max(0, caller.expiresAt - this.context.now()));
    const client: Client = { socket, caller, alive: true, expiry };
    let clients = this.byAccount.get(caller.accountId);
    if (!clients) this.byAccount.set(caller.accountId, (clients = new Set()));
    clients.add(client);
    socket.on('pong', () => (client.alive = true));
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      clearTimeout(expiry);
      clients.delete(client);
      if (clients.size === 0) this.byAccount.delete(caller.accountId);
    });
    // Whatever moved while the device was not connected: it pulls what it lacks.
    void this.sendHeads([caller.accountId]);
  }

  private onSignal(signal: HeadSignal): void {
    if (signal.type === 'at') void this.fanOut(signal.space, signal.seq);
    else if (signal.type === 'members') this.readers.delete(signal.space);
    else this.closeDevice(signal.device);
  }

  private readersOf(space: string): Promise<Set<string>> {
    let readers = this.readers.get(space);
    if (!readers) {
      readers = this.context.database.db
        .selectFrom('members')
        .select('account_id')
        .where('space_id', '=', space)
        .execute()
        .then((rows) => new Set(rows.map((row) => row.account_id)));
      readers.catch(() => this.readers.delete(space));
      this.readers.set(space, readers);
    }
    return readers;
  }

  private async fanOut(space: string, seq: number): Promise<void> {
    try {
      const readers = await this.readersOf(space);
      const event: SpaceHeadEvent = { type: 'at', space, seq };
      const text = JSON.stringify(event);
      for (const account of readers) {
        const clients = this.byAccount.get(account);
        if (clients) for (const client of clients) client.socket.send(text);
      }
    } catch (error) {
      this.context.log.warn('events: fan-out failed', { space, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private async sendHeads(accounts: string[]): Promise<void> {
    if (accounts.length === 0) return;
    try {
      const rows = await this.context.database.db
        .selectFrom('members')
        .innerJoin('spaces', 'spaces.id', 'members.space_id')
        .select(['members.account_id', 'spaces.id', 'spaces.head'])
        .where('members.account_id', 'in', accounts)
        .execute();
      for (const row of rows) {
        const text = JSON.stringify({ type: 'at', space: row.id, seq: row.head } satisfies SpaceHeadEvent);
        for (const client of this.byAccount.get(row.account_id) ?? []) client.socket.send(text);
      }
    } catch (error) {
      this.context.log.warn('events: reading heads failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** After the bus was deaf: membership may have changed and heads moved unseen. */
  private async resync(): Promise<void> {
    this.readers.clear();
    await this.sendHeads([...this.byAccount.keys()]);
  }

  private closeDevice(device: string): void {
    for (const clients of this.byAccount.values()) {
      for (const client of clients) if (client.caller.deviceId === device) client.socket.close(CLOSE_REVOKED, 'device signed out');
    }
  }

  private ping(): void {
    for (const clients of this.byAccount.values()) {
      for (const client of clients) {
        if (!client.alive) {
          client.socket.terminate();
          continue;
        }
        client.alive = false;
        client.socket.ping();
      }
    }
  }
}

function refuse(socket: Duplex, status: number, code: ApiError['code'], message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 426 ? 'Upgrade Required' : 'Refused'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
