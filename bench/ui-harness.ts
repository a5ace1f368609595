// What the UI benchmarks share: the built renderer (dist/renderer) served with the
// hosts' CSP, headless Chromium, and a stand-in for the core injected as
// `window.realmultillm` (the Electron preload's place), so the real renderer
// bundle runs against generated conversations and streams we control. Its calls
// answer with a JSON string parsed on every call, as the WebSocket transport does.
import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = path.join(root, 'dist/renderer');

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-renderer-backgrounding', '--disable-background-timer-throttling'];

/**
 * With BENCH_CPU_SLOWDOWN=N (say 2), the page's main thread runs N times slower
 * (Chromium's CPU throttling): how the figures hold up on a slower machine than
 * this one. Prints a line saying so, since the figures are then not this machine's.
 */
export async function slowDownIfAsked(page: Page): Promise<void> {
  const rate = Number(process.env.BENCH_CPU_SLOWDOWN ?? 1);
  if (!(rate > 1)) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  console.log(`# the page runs ${rate} times slower than this machine (BENCH_CPU_SLOWDOWN=${rate})`);
}

export async function serveRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer` first.');
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.join(rendererDir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(rendererDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export interface FakeCoreConfig {
  /** Conversations to generate: id suffix → number of earlier messages. */
  conversations: { id: string; title: string; messages: number }[];
  /** Replies streaming in the first conversation when it opens: their text so far, in tokens. */
  streaming?: { count: number; seededTokens: number };
}

/** Installs the stand-in core before the renderer loads. Everything in here runs in the page. */
export async function installFakeCore(page: Page, config: FakeCoreConfig): Promise<void> {
  // tsx compiles with keepNames: functions sent to the page may call `__name`.
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await page.addInitScript((cfg: FakeCoreConfig) => {
    const PROVIDER = '00000000-0000-7000-8000-00000000beef';
    const uuid = (n: number) => `00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
    let seed = 42;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const WORDS = 'the of and to a in is it you that for on with as are this be at have or not by from can your we an will if but all what so use there which when more one about some how would like make just function value error model stream token render layout provider answer question window memory cache index query server client request response'.split(' ');
    const word = () => WORDS[Math.floor(rand() ** 2 * WORDS.length)]!;
    const sentence = () => {
      const n = 6 + Math.floor(rand() * 14);
      const words = Array.from({ length: n }, word);
      words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
      if (rand() < 0.15) words[2] = `**${words[2]}**`;
      if (rand() < 0.15) words[4] = `\`${words[4]}\``;
      return `${words.join(' ')}.`;
    };
    /** Markdown the way assistants write it: paragraphs, lists, code, the odd table. */
    const markdown = (tokens: number) => {
      const blocks: string[] = [];
      let size = 0;
      while (size < tokens * 4) {
        const kind = rand();
        let block: string;
        if (kind < 0.6) block = Array.from({ length: 2 + Math.floor(rand() * 4) }, sentence).join(' ');
        else if (kind < 0.78) block = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => `- ${sentence()}`).join('\n');
        else if (kind < 0.93) block = '```ts\n' + Array.from({ length: 4 + Math.floor(rand() * 10) }, () => `const ${word()}_${Math.floor(rand() * 99)} = ${word()}(${Math.floor(rand() * 1000)}); // ${word()}`).join('\n') + '\n```';
        else block = '| name | value | note |\n|---|---|---|\n' + Array.from({ length: 4 }, () => `| ${word()} | ${Math.floor(rand() * 1000)} | ${word()} ${word()} |`).join('\n');
        blocks.push(block);
        size += block.length + 2;
      }
      return blocks.join('\n\n');
    };
    const now = Date.now();
    const organised = { folderId: null, tags: [], pinned: false, archived: false, personaId: null, settings: {}, shownLeafId: null };
    const conversations = cfg.conversations.map((c, i) => ({ id: uuid(0xc0000 + i), title: c.title, createdAt: now - 1e6, updatedAt: now - i * 1000, ...organised }));
    const payloads = new Map<string, string>();
    let messageSeq = 1;
    const streamingIds: string[] = [];
    cfg.conversations.forEach((c, i) => {
      const conversationId = conversations[i]!.id;
      const messages: unknown[] = [];
      let parentId: string | null = null;
      for (let m = 0; m < c.messages; m++) {
        const user = m % 2 === 0;
        const id = uuid(messageSeq++);
        const content = user ? Array.from({ length: 1 + Math.floor(rand() * 3) }, sentence).join(' ') : markdown(60 + Math.floor(rand() * 300));
        messages.push({ id, conversationId, parentId, role: user ? 'user' : 'assistant', content, status: 'done', providerId: user ? null : PROVIDER, model: user ? null : 'bench-model', error: null, usage: { inputTokens: user ? null : 120, outputTokens: user ? null : 300 }, createdAt: now - (c.messages - m) * 60_000, updatedAt: now });
        parentId = id;
      }
      if (i === 0 && cfg.streaming) {
        const promptId = uuid(messageSeq++);
        messages.push({ id: promptId, conversationId, parentId, role: 'user', content: 'Compare these four answers, please.', status: 'done', providerId: null, model: null, error: null, usage: { inputTokens: null, outputTokens: null }, createdAt: now - 1000, updatedAt: now });
        for (let s = 0; s < cfg.streaming.count; s++) {
          const id = uuid(messageSeq++);
          streamingIds.push(id);
          messages.push({ id, conversationId, parentId: promptId, role: 'assistant', content: markdown(cfg.streaming.seededTokens), status: 'streaming', providerId: PROVIDER, model: `bench-model-${s + 1}`, error: null, usage: { inputTokens: null, outputTokens: null }, createdAt: now - 900 + s, updatedAt: now });
        }
      }
      payloads.set(conversationId, JSON.stringify({ conversation: conversations[i], messages }));
    });

    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
    const unknown = (method: string) => Promise.reject({ code: 'api.unknown_method', message: `No ${method} in the benchmark's core.` });
    const provider = { id: PROVIDER, name: 'Bench', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'bench-model', createdAt: now, updatedAt: now, key: { provider: PROVIDER, hasKey: false, hint: null }, settings: {} };

    (window as unknown as { realmultillm: unknown }).realmultillm = {
      call(method: string, input: { conversationId?: string }) {
        switch (method) {
          case 'provider.list':
            return Promise.resolve([provider]);
          case 'conversation.list':
            return Promise.resolve(JSON.parse(JSON.stringify(conversations)));
          case 'folder.list':
          case 'tag.list':
            return Promise.resolve([]);
          case 'chat.branch': {
            const { messages } = JSON.parse(payloads.get(input.conversationId!)!) as { messages: { id: string }[] };
            const comparisons = streamingIds.length > 0 && messages.some((m) => m.id === streamingIds[0]) ? [streamingIds] : [];
            const conversation = conversations.find((c) => c.id === input.conversationId);
            return Promise.resolve({ conversation, leafId: messages.at(-1)?.id ?? null, messages, attachments: [], comparisons });
          }
          default:
            return unknown(method);
        }
      },
      on(event: string, listener: (payload: unknown) => void) {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    };
    (window as unknown as { bench: unknown }).bench = { conversations, streamingIds, emit, markdown, sentence, word, uuid };
  }, config);
}

/**
 * Measures every frame in the page: the main thread's work per frame (from the
 * frame's first animation callback to the task after rendering, so script, style,
 * layout and paint) and the interval between frames. Call `stopFrameMeter` for
 * the figures.
 */
export async function startFrameMeter(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { meter: { costs: number[]; intervals: number[]; longest: number; running: boolean; afterFrame: (() => void)[] } };
    const meter = { costs: [] as number[], intervals: [] as number[], longest: 0, running: true, afterFrame: [] as (() => void)[] };
    w.meter = meter;
    const channel = new MessageChannel();
    let frameStart = 0;
    let last = 0;
    channel.port1.onmessage = () => {
      meter.costs.push(performance.now() - frameStart);
      for (const hook of meter.afterFrame) hook();
    };
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) meter.longest = Math.max(meter.longest, entry.duration);
      }).observe({ type: 'long-animation-frame', buffered: false });
    } catch {
      // Older Chromium: the per-frame costs still give the longest frame.
    }
    const frame = (time: number) => {
      if (!meter.running) return;
      frameStart = performance.now();
      if (last) meter.intervals.push(time - last);
      last = time;
      channel.port2.postMessage(0);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

export async function stopFrameMeter(page: Page): Promise<{ costs: number[]; intervals: number[]; longest: number }> {
  return page.evaluate(() => {
    const meter = (window as unknown as { meter: { costs: number[]; intervals: number[]; longest: number; running: boolean } }).meter;
    meter.running = false;
    return { costs: meter.costs, intervals: meter.intervals, longest: Math.max(meter.longest, ...meter.costs) };
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
