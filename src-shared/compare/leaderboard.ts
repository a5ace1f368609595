// The local leaderboard: win rate and Elo per model, from the user's compare votes
// in the order they were cast. Pure, so it is tested without a store.
import type { CompareVote } from '../entities/compare';

export const ELO_START = 1000;
export const ELO_K = 32;

export interface LeaderboardRow {
  model: string;
  /** Voted comparisons the model took part in. */
  runs: number;
  wins: number;
  losses: number;
  ties: number;
  /** wins / runs; 0 without runs. */
  winRate: number;
  elo: number;
}

function expected(a: number, b: number): number {
  return 1 / (1 + 10 ** ((b - a) / 400));
}

/**
 * `modelOf` names the model behind each reply (unknown replies are left out).
 * A vote with a winner counts as the winner beating each other reply; a tie
 * (no winner) as a draw between every pair.
 */
export function leaderboard(votes: readonly CompareVote[], replies: ReadonlyMap<string, readonly string[]>, modelOf: ReadonlyMap<string, string>): LeaderboardRow[] {
  const rows = new Map<string, LeaderboardRow>();
  const row = (model: string) => {
    let found = rows.get(model);
    if (!found) rows.set(model, (found = { model, runs: 0, wins: 0, losses: 0, ties: 0, winRate: 0, elo: ELO_START }));
    return found;
  };
  const ordered = [...votes].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  for (const vote of ordered) {
    const models = [...new Set((replies.get(vote.runId) ?? vote.ranking).map((id) => modelOf.get(id)).filter((m): m is string => !!m))];
    if (models.length < 2) continue;
    const winner = vote.winnerMessageId ? modelOf.get(vote.winnerMessageId) : undefined;
    for (const model of models) row(model).runs += 1;
    // Pairwise results, applied from the ratings as they stood before this vote.
    const before = new Map(models.map((m) => [m, row(m).elo]));
    const delta = new Map(models.map((m) => [m, 0]));
    const play = (a: string, b: string, scoreA: number) => {
      const e = expected(before.get(a)!, before.get(b)!);
      delta.set(a, delta.get(a)! + ELO_K * (scoreA - e));
      delta.set(b, delta.get(b)! + ELO_K * (1 - scoreA - (1 - e)));
    };
    if (winner && models.includes(winner)) {
      row(winner).wins += 1;
      for (const other of models) {
        if (other === winner) continue;
        row(other).losses += 1;
        play(winner, other, 1);
      }
    } else {
      for (const model of models) row(model).ties += 1;
      for (let i = 0; i < models.length; i += 1) for (let j = i + 1; j < models.length; j += 1) play(models[i]!, models[j]!, 0.5);
    }
    for (const model of models) row(model).elo = before.get(model)! + delta.get(model)!;
  }
  return [...rows.values()]
    .map((r) => ({ ...r, elo: Math.round(r.elo * 10) / 10, winRate: r.runs ? r.wins / r.runs : 0 }))
    .sort((a, b) => b.elo - a.elo || b.winRate - a.winRate || a.model.localeCompare(b.model));
}
