import { describe, expect, it } from 'vitest';
import type { CompareVote } from '../entities/compare';
import { ELO_K, ELO_START, leaderboard } from './leaderboard';

const ids = { a: 'msg-a', b: 'msg-b', c: 'msg-c' };
const cloud = 'provider-cloud';
const modelOf = new Map([
  [ids.a, { providerId: cloud, model: 'alpha' }],
  [ids.b, { providerId: cloud, model: 'beta' }],
  [ids.c, { providerId: cloud, model: 'gamma' }],
]);
let time = 0;
function vote(runId: string, winner: string | null, ranking: string[]): CompareVote {
  time += 1;
  return { id: `vote-${time}`, runId, winnerMessageId: winner, ranking, createdAt: time };
}

describe('the leaderboard', () => {
  it('gives the winner K/2 Elo from an even start and counts its win', () => {
    const rows = leaderboard([vote('r1', ids.a, [ids.a, ids.b])], new Map([['r1', [ids.a, ids.b]]]), modelOf);
    expect(rows.map((r) => r.model)).toEqual(['alpha', 'beta']);
    expect(rows[0]).toMatchObject({ runs: 1, wins: 1, losses: 0, winRate: 1, elo: ELO_START + ELO_K / 2 });
    expect(rows[1]).toMatchObject({ runs: 1, wins: 0, losses: 1, winRate: 0, elo: ELO_START - ELO_K / 2 });
  });

  it('counts a tie as a draw for every pair, leaving equal ratings unchanged', () => {
    const replies = new Map([['r1', [ids.a, ids.b, ids.c]]]);
    const rows = leaderboard([vote('r1', null, [])], replies, modelOf);
    for (const row of rows) expect(row).toMatchObject({ runs: 1, ties: 1, wins: 0, elo: ELO_START });
  });

  it('rewards an upset more than an expected win', () => {
    const replies = new Map([
      ['r1', [ids.a, ids.b]],
      ['r2', [ids.a, ids.b]],
      ['r3', [ids.a, ids.b]],
    ]);
    const votes = [vote('r1', ids.a, []), vote('r2', ids.a, []), vote('r3', ids.b, [])];
    const before = leaderboard(votes.slice(0, 2), replies, modelOf).find((r) => r.model === 'beta')!;
    const rows = leaderboard(votes, replies, modelOf);
    const alpha = rows.find((r) => r.model === 'alpha')!;
    const beta = rows.find((r) => r.model === 'beta')!;
    expect(alpha.winRate).toBeCloseTo(2 / 3);
    // The second expected win gained alpha less than K/2; beta's upset gains more.
    expect(before.elo).toBeGreaterThan(ELO_START - ELO_K);
    expect(beta.elo - before.elo).toBeGreaterThan(ELO_K / 2 + 1);
    expect(alpha.elo + beta.elo).toBeCloseTo(2 * ELO_START, 0);
  });

  it('leaves out replies whose model is unknown and runs with fewer than two models', () => {
    const rows = leaderboard([vote('r1', ids.a, [ids.a, 'msg-unknown'])], new Map(), modelOf);
    expect(rows).toEqual([]);
  });

  it('keeps the same model id from two providers apart, so their votes count', () => {
    const local = new Map([
      ['msg-local', { providerId: 'provider-local', model: 'llama-3.1-8b' }],
      ['msg-cloud', { providerId: cloud, model: 'llama-3.1-8b' }],
    ]);
    const rows = leaderboard([vote('r1', 'msg-local', ['msg-local', 'msg-cloud'])], new Map([['r1', ['msg-local', 'msg-cloud']]]), local);
    expect(rows.map((r) => [r.providerId, r.model, r.wins, r.losses])).toEqual([
      ['provider-local', 'llama-3.1-8b', 1, 0],
      [cloud, 'llama-3.1-8b', 0, 1],
    ]);
    expect(rows[0]!.elo).toBe(ELO_START + ELO_K / 2);
  });
});
