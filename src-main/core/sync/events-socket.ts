// The server's WebSocket (/api/v1/sync/events): it says "space S is at N" so the
// engine pulls only when something moved. Reconnects with backoff; a close for an
// expired access token (4001) refreshes it first; 4003 means signed out.
import WebSocket from 'ws';
import { EVENTS_PATH, PROTOCOL_HEADER, PROTOCOL_VERSION, SpaceHeadEvent } from '../../../src-shared/sync/wire';
import type { Logger } from '../log/logger';
import type { SyncSession } from './session';

const RECONNECT_MIN_MS = 1_000;
const RECONNECT_MAX_MS = 60_000;

export class EventsSocket {
  private socket: WebSocket | null = null;
  private stopped = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: {
      session: SyncSession;
      log: Logger;
      onHead: (space: string, seq: number) => void;
      onConnected: (connected: boolean) => void;
    },
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => {});
    this.socket?.terminate();
    this.socket = null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const { session } = this.options;
    let token: string;
    try {
      token = await session.accessToken();
    } catch {
      // Signed out or the server is away: polling carries on, and so do reconnects unless signed out.
      if (!session.isEnded) this.reconnectLater();
      return;
    }
    if (this.stopped) return;
    const url = `${session.api.baseUrl.replace(/^http/, 'ws')}${EVENTS_PATH}`;
    const socket = new WebSocket(url, {
      headers: { Authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      maxPayload: 64 * 1024,
      handshakeTimeout: 15_000,
    });
    this.socket = socket;
    socket.on('open', () => {
      this.failures = 0;
      this.options.onConnected(true);
    });
    socket.on('message', (data) => {
      let parsed;
      try {
        parsed = SpaceHeadEvent.safeParse(JSON.parse(String(data)));
      } catch {
        return;
      }
      if (parsed.success) this.options.onHead(parsed.data.space, parsed.data.seq);
    });
    socket.on('unexpected-response', (_request, response) => {
      // 401: the token was refused; refresh it before the next try.
      if (response.statusCode === 401) void session.refresh().catch(() => {});
      response.resume();
      socket.terminate();
    });
    socket.on('error', () => {});
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.options.onConnected(false);
      if (this.stopped || code === 4003) return;
      if (code === 4001) {
        void session.refresh().then(() => this.connect(), () => this.reconnectLater());
        return;
      }
      this.reconnectLater();
    });
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    this.failures += 1;
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** (this.failures - 1));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, ceiling / 2 + (Math.random() * ceiling) / 2);
    this.timer.unref();
  }
}
