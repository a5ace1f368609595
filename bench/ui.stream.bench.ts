// ui.stream: four replies streaming at 100 tokens/s each into a conversation of
// 2,000 earlier messages, shown side by side in the chat: the main thread's work
// per frame (p95, target < 16.7 ms), the longest frame (ui.stream.longframe,
// < 50 ms) and token-to-paint (ui.stream.paint, p95 < 50 ms).
// ui.flat: 20,000 tokens replayed into one reply; the median frame cost over the
// last 10% of the reply divided by the median over the first 10% (<= 1.5).
//
// Each reply is 20,000 tokens long. By default each starts with 18,000 tokens
// already written and streams the last 2,000 (20 s), which is where frames cost
// the most; BENCH_FULL=1 streams all 20,000 (200 s).
// BENCH_CPU_SLOWDOWN=2 runs the page twice as slow, as on a slower machine.
import type { Browser } from '@playwright/test';
import { percentile, report, wanted } from './support/report';
import { installFakeCore, launch, median, serveRenderer, slowDownIfAsked, startFrameMeter, stopFrameMeter } from './ui-harness';

const TOTAL_TOKENS = 20_000;
const RATE = 100;
const STREAMS = 4;
const STREAMED = process.env.BENCH_FULL === '1' ? TOTAL_TOKENS : Number(process.env.BENCH_STREAM_TOKENS ?? 2_000);

interface Bench {
  bench: {
    conversations: { id: string }[];
    streamingIds: string[];
    emit: (event: string, payload: unknown) => void;
    word: () => string;
  };
  meter: { afterFrame: (() => void)[] };
}

async function streamFigures(browser: Browser, url: string): Promise<boolean> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await installFakeCore(page, {
    conversations: [{ id: 'long', title: 'Long chat', messages: 2_000 }],
    streaming: { count: STREAMS, seededTokens: TOTAL_TOKENS - STREAMED },
  });
  await page.goto(url);
  await slowDownIfAsked(page);
  await page.getByRole('link', { name: 'Long chat' }).click();
  await page.locator('[data-testid="message-assistant"][data-status="streaming"]').first().waitFor();
  // Let lazily loaded parts (highlighting of the finished code blocks) arrive first.
  await page.waitForTimeout(2_000);
  await startFrameMeter(page);
  const paint = await page.evaluate(
    async ({ streamed, rate }) => {
      const { bench, meter } = window as unknown as Bench;
      const conversationId = bench.conversations[0]!.id;
      const ids = bench.streamingIds;
      const pending: { marker: string; at: number }[][] = ids.map(() => []);
      const latencies: number[] = [];
      // After each frame is rendered: which emitted tokens are on screen now?
      meter.afterFrame.push(() => {
        const now = performance.now();
        ids.forEach((id, s) => {
          const queue = pending[s]!;
          if (queue.length === 0) return;
          const text = document.getElementById(`message-${id}`)?.querySelector('.message-text');
          const last = text?.lastElementChild;
          const visible = `${last?.previousElementSibling?.textContent ?? ''} ${last?.textContent ?? ''}`;
          for (let i = queue.length - 1; i >= 0; i--) {
            if (!visible.includes(queue[i]!.marker)) continue;
            for (const done of queue.splice(0, i + 1)) latencies.push(now - done.at);
            break;
          }
        });
      });
      const start = performance.now();
      let emitted = 0;
      let seq = 0;
      await new Promise<void>((resolve) => {
        const tick = () => {
          const due = Math.min(streamed, Math.floor(((performance.now() - start) / 1000) * rate));
          if (due > emitted) {
            ids.forEach((messageId, s) => {
              const words: string[] = [];
              for (let t = emitted; t < due; t++) {
                // A new paragraph every 80 tokens, as prose has.
                if (t % 80 === 0) words.push('\n\n');
                words.push(t === due - 1 ? `m${s}x${seq}` : bench.word());
              }
              const text = words.join(' ').replace(/ ?\n\n ?/g, '\n\n');
              pending[s]!.push({ marker: `m${s}x${seq}`, at: performance.now() });
              bench.emit('stream.delta', { conversationId, messageId, text: emitted === 0 ? `\n\n${text}` : ` ${text}` });
            });
            emitted = due;
            seq++;
          }
          if (emitted >= streamed) resolve();
          // Like the core: at most one delta per stream per frame.
          else setTimeout(tick, 16);
        };
        tick();
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { latencies, unpainted: pending.reduce((sum, queue) => sum + queue.length, 0) };
    },
    { streamed: STREAMED, rate: RATE },
  );
  const frames = await stopFrameMeter(page);
  const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
  await page.close();
  console.log(
    `# ${STREAMS} replies x ${STREAMED} tokens at ${RATE}/s (each ${TOTAL_TOKENS} tokens long at the end), 2,000 earlier messages: ` +
      `${frames.costs.length} frames, median work ${median(frames.costs).toFixed(2)} ms, ` +
      `frame interval p95 ${percentile(frames.intervals, 95).toFixed(1)} ms, ${frames.costs.filter((c) => c > 50).length} frames over 50 ms, ` +
      `${paint.unpainted} deltas never seen painted, ${dom} DOM nodes`,
  );
  let ok = true;
  if (wanted('ui.stream')) ok = report('ui.stream', percentile(frames.costs, 95), 'ms', { below: 16.7 }) && ok;
  if (wanted('ui.stream.longframe')) ok = report('ui.stream.longframe', frames.longest, 'ms', { below: 50 }) && ok;
  if (wanted('ui.stream.paint')) ok = report('ui.stream.paint', percentile(paint.latencies, 95), 'ms', { below: 50 }) && ok;
  return ok;
}

async function flatFigure(browser: Browser, url: string): Promise<boolean> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await installFakeCore(page, {
    conversations: [{ id: 'flat', title: 'Replay', messages: 2 }],
    streaming: { count: 1, seededTokens: 0 },
  });
  await page.goto(url);
  await slowDownIfAsked(page);
  await page.getByRole('link', { name: 'Replay' }).click();
  await page.locator('[data-testid="message-assistant"][data-status="streaming"]').first().waitFor();
  await page.waitForTimeout(1_000);
  await startFrameMeter(page);
  const samples = await page.evaluate(async (total) => {
    const { bench, meter } = window as unknown as Bench & { bench: { markdown: (tokens: number) => string } };
    const conversationId = bench.conversations[0]!.id;
    const messageId = bench.streamingIds[0]!;
    // Realistic markdown (paragraphs, lists, code, tables), cut into tokens of ~4 characters.
    const text = (bench as unknown as { markdown: (tokens: number) => string }).markdown(total);
    const tokens = text.match(/\s*\S{1,4}|\s+/g) ?? [];
    const perFrame = Math.ceil(tokens.length / 1000);
    let sent = 0;
    const costs: { at: number; position: number }[] = [];
    meter.afterFrame.push(() => costs.push({ at: performance.now(), position: sent / tokens.length }));
    await new Promise<void>((resolve) => {
      const tick = () => {
        const chunk = tokens.slice(sent, sent + perFrame).join('');
        sent = Math.min(tokens.length, sent + perFrame);
        bench.emit('stream.delta', { conversationId, messageId, text: chunk });
        if (sent >= tokens.length) resolve();
        else requestAnimationFrame(() => setTimeout(tick, 0));
      };
      tick();
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { positions: costs.map((c) => c.position), tokens: tokens.length };
  }, TOTAL_TOKENS);
  const frames = await stopFrameMeter(page);
  await page.close();
  const pairs = frames.costs.slice(0, samples.positions.length).map((cost, i) => ({ cost, position: samples.positions[i]! }));
  const first = pairs.filter((p) => p.position > 0 && p.position <= 0.1).map((p) => p.cost);
  const last = pairs.filter((p) => p.position >= 0.9 && p.position < 1).map((p) => p.cost);
  const ratio = median(last) / Math.max(0.01, median(first));
  console.log(
    `# replayed ${samples.tokens} tokens: median frame work ${median(first).toFixed(2)} ms over the first 10% (${first.length} frames), ` +
      `${median(last).toFixed(2)} ms over the last 10% (${last.length} frames)`,
  );
  return wanted('ui.flat') ? report('ui.flat', ratio, 'ratio', { atMost: 1.5 }) : true;
}

const server = await serveRenderer();
const browser = await launch();
let ok = true;
try {
  if (wanted('ui.stream')) ok = (await streamFigures(browser, server.url)) && ok;
  if (wanted('ui.flat')) ok = (await flatFigure(browser, server.url)) && ok;
} finally {
  await browser.close();
  await server.close();
}
process.exit(ok ? 0 : 1);
