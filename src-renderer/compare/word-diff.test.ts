import { describe, expect, it } from 'vitest';
import { tokenize, wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('marks the words only one answer has, and rebuilds each answer exactly', () => {
    const a = 'The quick brown fox jumps.';
    const b = 'The quick red fox jumps high.';
    const parts = wordDiff(a, b)!;
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(a);
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(b);
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['brown', 'jumps.']);
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['red', 'jumps high.']);
  });

  it('gives up on texts too long to diff quickly', () => {
    expect(wordDiff('a '.repeat(5000), 'b')).toBeNull();
    expect(tokenize('a  b\nc')).toEqual(['a  ', 'b\n', 'c']);
  });
});
