// One long-lived API connection from the page, as the renderer holds it: calls
// over the browser host's WebSocket (same origin, the launch token) and every
// event the core pushes, kept in the page for the test to read.
import type { Page } from '@playwright/test';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { ApiCallError } from './api';
import type { RunningHost } from './host';

declare global {
  interface Window {
    __api?: {
      ws: WebSocket;
      next: number;
      events: { event: string; payload: unknown }[];
      waiting: Map<number, (reply: unknown) => void>;
    };
  }
}

export class ApiSession {
  private constructor(private readonly page: Page) {}

  static async open(page: Page, host: RunningHost): Promise<ApiSession> {
    await page.evaluate(async (token) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api?token=${token}`);
      const state = { ws, next: 1, events: [] as { event: string; payload: unknown }[], waiting: new Map<number, (reply: unknown) => void>() };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data));
        if (data.type === 'event') state.events.push({ event: data.event, payload: data.payload });
        else if (data.type === 'result') state.waiting.get(data.id)?.(data);
      };
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = () => reject(new Error('The API WebSocket did not open'));
      });
      window.__api = state;
    }, host.token);
    return new ApiSession(page);
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    type Reply = { ok: boolean; result?: unknown; error?: { code: string; message: string } };
    const reply = await this.page.evaluate(
      ({ method, input }) =>
        new Promise<Reply>((resolve) => {
          const api = window.__api!;
          const id = api.next++;
          api.waiting.set(id, (answer) => {
            api.waiting.delete(id);
            resolve(answer as Reply);
          });
          api.ws.send(JSON.stringify({ type: 'call', id, method, input }));
        }),
      { method, input: input as unknown },
    );
    if (!reply.ok) throw new ApiCallError(reply.error?.code ?? 'unknown', `${method} failed: ${reply.error?.message}`);
    return reply.result as MethodOutput<M>;
  }

  async events<E extends EventName>(event: E): Promise<EventPayload<E>[]> {
    const all = await this.page.evaluate(() => window.__api!.events);
    return all.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>);
  }

  /** Polls the received events until one of `event` satisfies `accept`. */
  async waitForEvent<E extends EventName>(event: E, accept: (payload: EventPayload<E>) => boolean, timeoutMs = 20_000): Promise<EventPayload<E>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.events(event)).find(accept);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${event} event within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
