import { describe, expect, it } from 'vitest';
import { ClockSkewError, formatHlc, HybridLogicalClock, parseHlc } from './hlc';

const A = '8f3a2c1d9e0b4a7f';
const B = '0000000000000001';

describe('the hybrid logical clock', () => {
  it('formats as the SYNC.md example and parses back', () => {
    const value = formatHlc({ wallMs: Date.parse('2026-11-25T06:50:06.123Z'), counter: 1, node: A });
    expect(value).toBe('2026-11-25T06:50:06.123Z-0001-8f3a2c1d9e0b4a7f');
    expect(parseHlc(value)).toEqual({ wallMs: Date.parse('2026-11-25T06:50:06.123Z'), counter: 1, node: A });
  });

  it('keeps increasing when the wall clock stands still or goes back', () => {
    let now = 1_000_000;
    const clock = new HybridLogicalClock(A, () => now);
    const first = clock.send();
    const second = clock.send();
    now -= 500;
    const third = clock.send();
    expect([first, second, third]).toEqual([...[first, second, third]].sort());
    expect(new Set([first, second, third]).size).toBe(3);
  });

  it('moves past a remote clock it receives', () => {
    const local = new HybridLogicalClock(A, () => 1_000);
    const remote = new HybridLogicalClock(B, () => 5_000);
    const theirs = remote.send();
    const merged = local.recv(theirs);
    expect(merged > theirs).toBe(true);
    expect(local.send() > merged).toBe(true);
  });

  it('refuses a remote clock more than 5 minutes ahead, naming the device', () => {
    const local = new HybridLogicalClock(A, () => 0);
    const ahead = formatHlc({ wallMs: 6 * 60 * 1000, counter: 0, node: B });
    expect(() => local.recv(ahead)).toThrow(ClockSkewError);
    expect(() => local.recv(ahead)).toThrow(B);
  });
});
