// The main thread's side of the parser worker: one block at a time, a cache of
// results by text, and a deadline. A block whose parse passes LIMITS.parseMs
// stops the worker (a new one starts for the next block) and is shown as plain
// text. Blocks nobody shows any more are skipped while they wait.
import { LIMITS } from './limits';
import type { ParseReply, ParseRequest } from './parse.worker';
import type { ParseResult } from './pipeline';

/** The cache holds results for at most this much text (a streaming block leaves one entry per version). */
const CACHE_CHARS = 4_000_000;

const cache = new Map<string, ParseResult>();
let cachedChars = 0;
/** Texts waiting for the worker, with how many components want each. */
const wanted = new Map<string, Set<() => void>>();
const queue: string[] = [];
let worker: Worker | null = null;
/** Loading the worker's code is not part of any block's time. */
let ready = false;
/** The worker failed before it loaded (a missing file, a refused script): blocks stay plain text. */
let unavailable = false;
let busy: { id: number; text: string; timer: ReturnType<typeof setTimeout> } | null = null;
let nextId = 1;

function remember(text: string, result: ParseResult): void {
  if (!cache.has(text)) cachedChars += text.length;
  cache.delete(text);
  cache.set(text, result);
  for (const oldest of cache.keys()) {
    if (cachedChars <= CACHE_CHARS || oldest === text) break;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
  const listeners = wanted.get(text);
  wanted.delete(text);
  for (const listener of listeners ?? []) listener();
}

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const started = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'markdown' });
    started.onmessage = ({ data }: MessageEvent<ParseReply>) => {
      if (data.id === null) {
        ready = true;
        pump();
        return;
      }
      if (!busy || data.id !== busy.id) return;
      clearTimeout(busy.timer);
      const { text } = busy;
      busy = null;
      remember(text, data.result);
      pump();
    };
    started.onerror = (event) => {
      event.preventDefault();
      if (!ready) {
        console.error('[RealMultiLLM] the markdown worker did not load', event.message);
        unavailable = true;
      }
      giveUp('error');
    };
    return started;
  } catch (error) {
    console.error('[RealMultiLLM] the markdown worker could not start', error);
    return null;
  }
}

/** The block in the worker failed or took too long: stop it and show the block plain. */
function giveUp(reason: 'time' | 'error'): void {
  worker?.terminate();
  worker = null;
  ready = false;
  if (!busy) return;
  clearTimeout(busy.timer);
  const { text } = busy;
  busy = null;
  remember(text, { kind: 'plain', reason });
  pump();
}

function pump(): void {
  while (!busy && queue.length) {
    const text = queue.shift()!;
    if (!wanted.get(text)?.size) {
      wanted.delete(text);
      continue;
    }
    if (!worker && !unavailable) worker = startWorker();
    if (!worker) {
      remember(text, { kind: 'plain', reason: 'error' });
      continue;
    }
    if (!ready) {
      queue.unshift(text);
      return;
    }
    const id = nextId++;
    busy = { id, text, timer: setTimeout(() => giveUp('time'), LIMITS.parseMs) };
    worker.postMessage({ id, text } satisfies ParseRequest);
  }
}

/** The parsed block if it is ready, otherwise null (see requestParse). */
export function parsed(text: string): ParseResult | null {
  return cache.get(text) ?? null;
}

/** Asks for `text` to be parsed; returns a function that withdraws the wish. */
export function requestParse(text: string, onReady: () => void): () => void {
  if (cache.has(text)) return () => undefined;
  let listeners = wanted.get(text);
  if (!listeners) {
    listeners = new Set();
    wanted.set(text, listeners);
    queue.push(text);
  }
  listeners.add(onReady);
  const ticket = listeners;
  queueMicrotask(pump);
  return () => {
    ticket.delete(onReady);
  };
}
