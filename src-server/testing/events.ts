// A WebSocket client of the events endpoint for tests: collects what the server
// says and waits for a message that matches.
import WebSocket from 'ws';
import { EVENTS_PATH, PROTOCOL_HEADER, PROTOCOL_VERSION, type SpaceHeadEvent } from '../../src-shared/sync/wire';

export interface EventsClient {
  socket: WebSocket;
  events: SpaceHeadEvent[];
  /** Resolves with the first event (seen or still to come) that matches; rejects after `ms`. */
  waitFor(match: (event: SpaceHeadEvent) => boolean, ms?: number): Promise<SpaceHeadEvent>;
  closed: Promise<{ code: number; reason: string }>;
}

export function connectEvents(baseUrl: string, token: string, headers: Record<string, string> = {}): Promise<EventsClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${EVENTS_PATH}`, {
    headers: { Authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...headers },
  });
  const events: SpaceHeadEvent[] = [];
  const waiters = new Set<{ match: (event: SpaceHeadEvent) => boolean; resolve: (event: SpaceHeadEvent) => void }>();
  socket.on('message', (data) => {
    const event = JSON.parse(String(data)) as SpaceHeadEvent;
    events.push(event);
    for (const waiter of waiters) {
      if (waiter.match(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const client: EventsClient = {
    socket,
    events,
    closed,
    waitFor(match, ms = 5000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (event: SpaceHeadEvent) => (clearTimeout(timer), resolve(event)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching event within ${ms} ms; got ${JSON.stringify(events)}`));
        }, ms);
        waiters.add(waiter);
      });
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk));
      response.on('end', () => reject(Object.assign(new Error(`${response.statusCode} ${body}`), { status: response.statusCode, body })));
    });
    socket.once('error', reject);
  });
}
