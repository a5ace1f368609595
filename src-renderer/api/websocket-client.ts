// The browser host's transport: one WebSocket carrying the API contract's calls,
// replies and events (envelopes in src-shared/api/wire.ts). When the socket drops
// it reconnects with backoff, and rejects the calls that were waiting on it.
import type {
  ApiClient,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../src-shared/api/contract';
import { plainProblems } from '../../src-shared/api/error-codes';
import type { WireRequest } from '../../src-shared/api/wire';
import { ApiError } from './errors';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

/** What the UI may know about the connection. */
export interface ConnectionSource {
  readonly status: ConnectionStatus;
  /** False until a socket has opened once: a stale token never opens. */
  readonly everOpened: boolean;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

export type SocketLike = Pick<WebSocket, 'readyState' | 'send' | 'close' | 'onopen' | 'onclose' | 'onmessage' | 'onerror'>;

export interface WebSocketClientOptions {
  createSocket?: (url: string) => SocketLike;
  /** How long a call waits for a connection before it gives up. */
  connectWaitMs?: number;
  baseRetryMs?: number;
  maxRetryMs?: number;
  random?: () => number;
}

interface PendingCall {
  frame: string;
  sent: boolean;
  resolve(result: unknown): void;
  reject(error: ApiError): void;
  waitTimer: ReturnType<typeof setTimeout> | null;
}

const OPEN = 1;

export const CONNECTION_LOST =
  'The connection to RealMultiLLM dropped before it answered. It is reconnecting; try again in a moment.';
export const CANNOT_CONNECT =
  'RealMultiLLM is not reachable. Check that `npm run start:web` is still running, then try again.';

export class WebSocketApiClient implements ApiClient, ConnectionSource {
  private socket: SocketLike | null = null;
  private nextId = 1;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private readonly calls = new Map<number, PendingCall>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly connectWaitMs: number;
  private readonly baseRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly random: () => number;

  status: ConnectionStatus = 'connecting';
  everOpened = false;

  constructor(
    private readonly url: string,
    options: WebSocketClientOptions = {},
  ) {
    this.createSocket = options.createSocket ?? ((address) => new WebSocket(address));
    this.connectWaitMs = options.connectWaitMs ?? 10_000;
    this.baseRetryMs = options.baseRetryMs ?? 500;
    this.maxRetryMs = options.maxRetryMs ?? 10_000;
    this.random = options.random ?? Math.random;
    this.connect();
  }

  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const id = this.nextId++;
    const request: WireRequest = { type: 'call', id, method, input };
    return new Promise<MethodOutput<M>>((resolve, reject) => {
      const call: PendingCall = {
        frame: JSON.stringify(request),
        sent: false,
        resolve: (result) => resolve(result as MethodOutput<M>),
        reject,
        waitTimer: null,
      };
      this.calls.set(id, call);
      if (this.socket?.readyState === OPEN) this.transmit(call);
      else {
        const giveUp = () => this.settle(id, new ApiError('connection.unavailable', CANNOT_CONNECT));
        call.waitTimer = setTimeout(giveUp, this.connectWaitMs);
      }
    });
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Closes the socket for good and fails every waiting call. */
  dispose(): void {
    this.disposed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    for (const id of [...this.calls.keys()]) this.settle(id, new ApiError('connection.closed', CONNECTION_LOST));
  }

  private connect(): void {
    this.retryTimer = null;
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.url);
    } catch {
      this.retryLater();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.everOpened = true;
      this.setStatus('open');
      for (const call of this.calls.values()) if (!call.sent) this.transmit(call);
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    // An error is always followed by close; close is where we recover.
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      for (const [id, call] of this.calls) {
        if (call.sent) this.settle(id, new ApiError('connection.lost', CONNECTION_LOST));
      }
      this.retryLater();
    };
  }

  private retryLater(): void {
    if (this.disposed) return;
    this.setStatus('reconnecting');
    const ceiling = Math.min(this.maxRetryMs, this.baseRetryMs * 2 ** this.attempt);
    this.attempt++;
    // Jitter, so many tabs do not all knock at once after a restart.
    const delay = ceiling * (0.5 + this.random() / 2);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private transmit(call: PendingCall): void {
    if (call.waitTimer) clearTimeout(call.waitTimer);
    call.waitTimer = null;
    call.sent = true;
    this.socket!.send(call.frame);
  }

  private settle(id: number, error: ApiError | null, result?: unknown): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    if (call.waitTimer) clearTimeout(call.waitTimer);
    if (error) call.reject(error);
    else call.resolve(result);
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const envelope = message as Record<string, unknown>;
    if (envelope.type === 'result' && typeof envelope.id === 'number') {
      if (envelope.ok === true) this.settle(envelope.id, null, envelope.result);
      else this.settle(envelope.id, toApiError(envelope.error));
    } else if (envelope.type === 'event' && typeof envelope.event === 'string') {
      for (const listener of this.listeners.get(envelope.event) ?? []) {
        try {
          listener(envelope.payload);
        } catch (error) {
          console.error(`A listener for ${envelope.event} failed`, error);
        }
      }
    }
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

function toApiError(error: unknown): ApiError {
  const { code, message, params, problems } = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const plain = typeof params === 'object' && params !== null ? Object.entries(params).filter(([, v]) => typeof v === 'string' || typeof v === 'number') : [];
  return new ApiError(
    typeof code === 'string' ? code : 'unknown',
    typeof message === 'string' && message ? message : 'The app could not do that. Try again.',
    Object.fromEntries(plain) as ApiError['params'],
    plainProblems(problems),
  );
}
