// Calls the core's API from the page, on its own WebSocket, exactly as the
// renderer does: same origin, the launch token. The page's frame recorder
// (recordReceivedFrames) sees the replies too.
import type { Page } from '@playwright/test';
import type { RunningHost } from './host';

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function callApi<T>(page: Page, host: RunningHost, method: string, input: unknown): Promise<T> {
  const reply = (await page.evaluate(
    async ({ token, method, input }) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api?token=${token}`);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = () => reject(new Error('WebSocket failed'));
      });
      const answer = new Promise<unknown>((resolve) => {
        ws.onmessage = (event) => {
          const message = JSON.parse(String(event.data));
          if (message.type === 'result' && message.id === 1) resolve(message);
        };
      });
      ws.send(JSON.stringify({ type: 'call', id: 1, method, input }));
      const result = await answer;
      ws.close();
      return result;
    },
    { token: host.token, method, input },
  )) as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
  if (!reply.ok) throw new ApiCallError(reply.error?.code ?? 'unknown', `${method} failed: ${reply.error?.message}`);
  return reply.result as T;
}
