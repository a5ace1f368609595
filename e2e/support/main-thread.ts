// How long the page's main thread is blocked. Two measures: every long task (over
// 50 ms of wall time) the page itself observes, and, from a Chromium trace, the
// CPU time of each task on the page's main thread. Wall time includes waiting
// for a core on a busy machine; CPU time is the page's own work, so a budget on
// it holds on a shared 2-core machine too.
import type { Browser, Page } from '@playwright/test';

declare global {
  interface Window {
    __longTasks?: { start: number; duration: number }[];
  }
}

export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks!.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest task that started at or after `since` (performance.now() in the page), in ms; 0 when none. */
export async function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate((from) => Math.max(0, ...window.__longTasks!.filter((t) => t.start + t.duration >= from).map((t) => t.duration)), since);
}

/**
 * Opens a conversation from the sidebar and measures, in the page, the time from
 * the click until its reply is on screen (or the view's crash notice is) and the
 * main thread has answered a frame, then scrolls it top to bottom. Returns the
 * page time of the click, for longestTaskSince, and null for the time when the
 * reply was not on screen within `timeoutMs`.
 */
export async function openAndScroll(page: Page, conversationId: string, timeoutMs: number): Promise<{ clickedAt: number; usableMs: number | null }> {
  return page.evaluate(
    async ({ id, timeout }) => {
      const link = document.querySelector<HTMLAnchorElement>(`a[href="#conversation-${id}"]`);
      if (!link) throw new Error(`conversation ${id} is not in the sidebar`);
      const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const clickedAt = performance.now();
      link.click();
      for (;;) {
        await frame();
        if (document.querySelector('[data-testid="message-assistant"] .message-text, .view-crash')) break;
        if (performance.now() - clickedAt > timeout) return { clickedAt, usableMs: null };
      }
      await frame();
      const usableMs = performance.now() - clickedAt;
      const list = document.querySelector('.messages');
      if (list) {
        for (const at of [0, 0.25, 0.5, 0.75, 1]) {
          list.scrollTop = (list.scrollHeight - list.clientHeight) * at;
          for (let i = 0; i < 5; i++) await frame();
        }
      }
      return { clickedAt, usableMs };
    },
    { id: conversationId, timeout: timeoutMs },
  );
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Thread (CPU) time of a complete event, in microseconds. */
  tdur?: number;
  args?: { name?: string };
}

/** Runs `work` while tracing, and returns its result with the most CPU time one main-thread task took (ms). */
export async function busiestTask<T>(browser: Browser, page: Page, work: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let result: T;
  let trace: Buffer;
  try {
    result = await work();
  } finally {
    trace = await browser.stopTracing();
  }
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
  return { result, cpuMs: Math.max(0, ...tasks.map((e) => (e.tdur ?? 0) / 1000)) };
}
