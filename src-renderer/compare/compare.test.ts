import { describe, expect, it } from 'vitest';
import { leaderboard } from './leaderboard';
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

describe('leaderboard', () => {
  it('ranks the model that keeps winning first, with win rate and Elo', () => {
    const rows = leaderboard([
      { runId: '1', models: ['gpt', 'claude'], winner: 'claude', at: 1 },
      { runId: '2', models: ['gpt', 'claude', 'llama'], winner: 'claude', at: 2 },
      { runId: '3', models: ['gpt', 'llama'], winner: null, at: 3 },
    ]);
    expect(rows[0]).toMatchObject({ model: 'claude', votes: 2, wins: 2, winRate: 1 });
    expect(rows[0]!.elo).toBeGreaterThan(1000);
    expect(rows.find((r) => r.model === 'gpt')).toMatchObject({ wins: 0, losses: 2, ties: 1 });
    expect(rows.reduce((sum, r) => sum + r.elo, 0)).toBeCloseTo(3000, -1);
  });
});
