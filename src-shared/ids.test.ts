import { describe, expect, it } from 'vitest';
import { UUID_PATTERN, uuidv7, uuidv7Time } from './ids';

describe('uuidv7', () => {
  it('has version 7 and the RFC variant', () => {
    const id = uuidv7();
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });

  it('encodes its creation time', () => {
    // Ids never go back in time within a process, so use a moment still ahead.
    const at = Date.now() + 1_000;
    expect(uuidv7Time(uuidv7(at))).toBe(at);
  });

  it('sorts in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7(Date.now() + 2_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
