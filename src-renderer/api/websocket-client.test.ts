import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { CANNOT_CONNECT, CONNECTION_LOST, WebSocketApiClient, type SocketLike } from './websocket-client';

const CONVERSATION = '01890000-0000-7000-8000-000000000000';

class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  readonly sent: Array<{ id: number; method: string; input: unknown }> = [];

  constructor(readonly url: string) {}

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.call(this as unknown as WebSocket, new Event('open'));
  }
  deliver(message: unknown) {
    this.onmessage?.call(this as unknown as WebSocket, { data: JSON.stringify(message) } as MessageEvent);
  }
  drop() {
    this.readyState = 3;
    this.onclose?.call(this as unknown as WebSocket, {} as CloseEvent);
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const client = new WebSocketApiClient('ws://127.0.0.1:1/api?token=ab', {
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    random: () => 1,
  });
  const latest = () => sockets.at(-1)!;
  return { client, sockets, latest };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WebSocketApiClient', () => {
  it('opens one socket and sends calls made before it opened once it does', async () => {
    const { client, sockets, latest } = setup();
    const listed = client.call('conversation.list', { limit: 5 });
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([{ type: 'call', id: 1, method: 'conversation.list', input: { limit: 5 } }]);
    latest().deliver({ type: 'result', id: 1, ok: true, result: [] });
    await expect(listed).resolves.toEqual([]);
    expect(sockets).toHaveLength(1);
  });

  it('rejects a failed call with the core’s sentence and code', async () => {
    const { client, latest } = setup();
    latest().open();
    const saving = client.call('provider.test', { id: CONVERSATION });
    latest().deliver({
      type: 'result',
      id: 1,
      ok: false,
      error: { code: 'provider.auth', message: 'The provider refused the API key. Check it in Providers.' },
    });
    const error = await saving.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'provider.auth', message: 'The provider refused the API key. Check it in Providers.' });
  });

  it('matches replies to calls by id, whatever order they come in', async () => {
    const { client, latest } = setup();
    latest().open();
    const first = client.call('conversation.list', { limit: 1 });
    const second = client.call('provider.list', {});
    latest().deliver({ type: 'result', id: 2, ok: true, result: 'second' });
    latest().deliver({ type: 'result', id: 1, ok: true, result: 'first' });
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
  });

  it('delivers pushed events to their listeners until they unsubscribe', () => {
    const { client, latest } = setup();
    latest().open();
    const seen: unknown[] = [];
    const off = client.on('conversation.changed', (payload) => seen.push(payload));
    latest().deliver({ type: 'event', event: 'conversation.changed', payload: { conversationId: CONVERSATION } });
    latest().deliver({ type: 'event', event: 'stream.delta', payload: { text: 'not for this listener' } });
    off();
    latest().deliver({ type: 'event', event: 'conversation.changed', payload: { conversationId: 'again' } });
    expect(seen).toEqual([{ conversationId: CONVERSATION }]);
  });

  it('ignores frames that are not JSON envelopes', async () => {
    const { client, latest } = setup();
    latest().open();
    const listed = client.call('provider.list', {});
    latest().onmessage?.call(latest() as unknown as WebSocket, { data: 'not json' } as MessageEvent);
    latest().deliver(null);
    latest().deliver({ type: 'result', id: 1, ok: true, result: [] });
    await expect(listed).resolves.toEqual([]);
  });

  it('rejects in-flight calls with a readable error when the socket drops, then reconnects with growing delays', async () => {
    const { client, sockets, latest } = setup();
    const statuses: string[] = [];
    client.onStatus((status) => statuses.push(status));
    latest().open();
    const inFlight = client.call('chat.send', { providerId: CONVERSATION, text: 'hi' });
    latest().drop();
    await expect(inFlight).rejects.toMatchObject({ code: 'connection.lost', message: CONNECTION_LOST });
    expect(statuses).toEqual(['open', 'reconnecting']);

    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    const afterReconnect = client.call('provider.list', {});
    latest().open();
    expect(statuses.at(-1)).toBe('open');
    expect(latest().sent.map((call) => call.method)).toEqual(['provider.list']);
    latest().deliver({ type: 'result', id: 2, ok: true, result: [] });
    await expect(afterReconnect).resolves.toEqual([]);

    // A successful connection resets the backoff.
    latest().drop();
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(4);
  });

  it('gives up on a call when no connection opens in time', async () => {
    const { client, latest } = setup();
    const waiting = client.call('provider.list', {});
    latest().drop();
    vi.advanceTimersByTime(10_000);
    await expect(waiting).rejects.toMatchObject({ code: 'connection.unavailable', message: CANNOT_CONNECT });
    expect(client.everOpened).toBe(false);
    expect(client.status).toBe('reconnecting');
  });

  it('stops reconnecting once disposed', () => {
    const { client, sockets, latest } = setup();
    latest().open();
    client.dispose();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});
