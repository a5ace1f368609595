import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplyBuffer } from './reply-buffer';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup() {
  const deltas: string[] = [];
  const flushes: string[] = [];
  const buffer = new ReplyBuffer({
    emitDelta: (text) => deltas.push(text),
    flush: async (text) => {
      flushes.push(text);
    },
    coalesceMs: 16,
    flushIntervalMs: 250,
  });
  return { buffer, deltas, flushes };
}

describe('a streaming reply buffer', () => {
  it('sends the first token at once and coalesces the rest into at most one delta per frame', async () => {
    const { buffer, deltas } = setup();
    for (let i = 0; i < 100; i += 1) buffer.append(`t${i} `);
    expect(deltas).toEqual(['t0 ']);
    await vi.advanceTimersByTimeAsync(15);
    expect(deltas).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(deltas).toHaveLength(2);
    expect(deltas[1]!.startsWith('t1 t2 ')).toBe(true);
    buffer.append('more');
    expect(deltas).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(16);
    expect(deltas).toHaveLength(3);
    expect(deltas.join('')).toBe(buffer.value);
    await buffer.close();
  });

  it('flushes to the store every 250 ms, not per token, and once more at the end', async () => {
    const { buffer, flushes } = setup();
    for (let ms = 0; ms < 1000; ms += 10) {
      buffer.append('x');
      await vi.advanceTimersByTimeAsync(10);
    }
    // 100 tokens over one second: four interval flushes, never one per token.
    expect(flushes.length).toBeGreaterThanOrEqual(3);
    expect(flushes.length).toBeLessThanOrEqual(4);
    // Each holds the 25 or so tokens since the one before.
    expect(flushes.every((chunk) => chunk.length >= 20 && chunk.length <= 30)).toBe(true);
    const text = await buffer.close();
    expect(text).toBe('x'.repeat(100));
  });

  it('does not write when nothing new arrived', async () => {
    const { buffer, flushes } = setup();
    buffer.append('hello');
    await vi.advanceTimersByTimeAsync(260);
    await vi.advanceTimersByTimeAsync(1000);
    expect(flushes).toEqual(['hello']);
    await buffer.close();
  });

  it('sends the pending text when closed and ignores later tokens', async () => {
    const { buffer, deltas } = setup();
    buffer.append('last words');
    const text = await buffer.close();
    expect(deltas).toEqual(['last words']);
    buffer.append('ignored');
    await vi.advanceTimersByTimeAsync(100);
    expect(deltas).toEqual(['last words']);
    expect(text).toBe('last words');
  });
});

describe('a streaming reply buffer storing a long reply', () => {
  it('hands the store only the text that arrived since the last flush', async () => {
    const { buffer, flushes } = setup();
    for (let ms = 0; ms < 1000; ms += 10) {
      buffer.append('word ');
      await vi.advanceTimersByTimeAsync(10);
    }
    const text = await buffer.close();
    expect(flushes.length).toBeGreaterThanOrEqual(3);
    // Each flush writes what is new, so together they are the text once, never its prefixes again.
    expect(flushes.join('')).toBe(text.slice(0, flushes.join('').length));
    expect(flushes.reduce((sum, chunk) => sum + chunk.length, 0)).toBeLessThanOrEqual(text.length);
  });

  it('retries a chunk whose flush failed, so the stored text has no hole', async () => {
    const flushes: string[] = [];
    let fail = true;
    const buffer = new ReplyBuffer({
      emitDelta: () => {},
      flush: async (chunk) => {
        if (fail) {
          fail = false;
          throw new Error('disk busy');
        }
        flushes.push(chunk);
      },
      onFlushError: () => {},
      flushIntervalMs: 250,
    });
    buffer.append('first ');
    await vi.advanceTimersByTimeAsync(260);
    buffer.append('second');
    await vi.advanceTimersByTimeAsync(260);
    expect(flushes).toEqual(['first second']);
    await buffer.close();
  });

  it('keeps the text up to its limit, drops the rest and says so once', async () => {
    let tooLong = 0;
    const deltas: string[] = [];
    const buffer = new ReplyBuffer({ emitDelta: (d) => deltas.push(d), flush: async () => {}, maxChars: 10, onTooLong: () => (tooLong += 1) });
    buffer.append('12345');
    buffer.append('67890abc');
    buffer.append('more');
    expect(await buffer.close()).toBe('1234567890');
    expect(deltas.join('')).toBe('1234567890');
    expect(tooLong).toBe(1);
  });
});
