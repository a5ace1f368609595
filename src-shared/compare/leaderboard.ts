// The local leaderboard: win rate and Elo per provider and model, from the user's
// compare votes in the order they were cast. Pure, so it is tested without a store.
import type { CompareVote } from '../entities/compare';

export const ELO_START = 1000;
export const ELO_K = 32;

/** Who wrote a reply: the same model id served by two providers (a local server and a cloud one) is two entrants. */
export interface Entrant {
  /** Null when the reply's provider is not known (deleted, or the reply came from an import). */
  providerId: string | null;
  model: string;
}

export interface LeaderboardRow extends Entrant {
  /** Voted comparisons the entrant took part in. */
  runs: number;
  wins: number;
  losses: number;
  ties: number;
  /** wins / runs; 0 without runs. */
  winRate: number;
  elo: number;
}

const keyOf = (entrant: Entrant) => JSON.stringify([entrant.providerId, entrant.model]);

function expected(a: number, b: number): number {
  return 1 / (1 + 10 ** ((b - a) / 400));
}

/**
 * `entrantOf` names the provider and model behind each reply (unknown replies
 * are left out). A vote with a winner counts as the winner beating each other
 * reply; a tie (no winner) as a draw between every pair.
 */
export function leaderboard(
  votes: readonly CompareVote[],
  replies: ReadonlyMap<string, readonly string[]>,
  entrantOf: ReadonlyMap<string, Entrant>,
): LeaderboardRow[] {
  const rows = new Map<string, LeaderboardRow>();
  const row = (key: string) => rows.get(key)!;
  const ordered = [...votes].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  for (const vote of ordered) {
    const entrants = new Map<string, Entrant>();
    for (const id of replies.get(vote.runId) ?? vote.ranking) {
      const entrant = entrantOf.get(id);
      if (entrant) entrants.set(keyOf(entrant), entrant);
    }
    const keys = [...entrants.keys()];
    if (keys.length < 2) continue;
    for (const [key, entrant] of entrants) {
      if (!rows.has(key)) rows.set(key, { ...entrant, runs: 0, wins: 0, losses: 0, ties: 0, winRate: 0, elo: ELO_START });
      row(key).runs += 1;
    }
    const winnerEntrant = vote.winnerMessageId ? entrantOf.get(vote.winnerMessageId) : undefined;
    const winner = winnerEntrant ? keyOf(winnerEntrant) : undefined;
    // Pairwise results, applied from the ratings as they stood before this vote.
    const before = new Map(keys.map((k) => [k, row(k).elo]));
    const delta = new Map(keys.map((k) => [k, 0]));
    const play = (a: string, b: string, scoreA: number) => {
      const e = expected(before.get(a)!, before.get(b)!);
      delta.set(a, delta.get(a)! + ELO_K * (scoreA - e));
      delta.set(b, delta.get(b)! + ELO_K * (1 - scoreA - (1 - e)));
    };
    if (winner && keys.includes(winner)) {
      row(winner).wins += 1;
      for (const other of keys) {
        if (other === winner) continue;
        row(other).losses += 1;
        play(winner, other, 1);
      }
    } else {
      for (const key of keys) row(key).ties += 1;
      for (let i = 0; i < keys.length; i += 1) for (let j = i + 1; j < keys.length; j += 1) play(keys[i]!, keys[j]!, 0.5);
    }
    for (const key of keys) row(key).elo = before.get(key)! + delta.get(key)!;
  }
  return [...rows.values()]
    .map((r) => ({ ...r, elo: Math.round(r.elo * 10) / 10, winRate: r.runs ? r.wins / r.runs : 0 }))
    .sort((a, b) => b.elo - a.elo || b.winRate - a.winRate || a.model.localeCompare(b.model) || (a.providerId ?? '').localeCompare(b.providerId ?? ''));
}
