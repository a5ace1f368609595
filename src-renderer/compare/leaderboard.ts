// The local leaderboard from compare votes: wins, losses, ties, win rate and Elo
// per model. A vote makes the winner beat every other reply of its run; a tie
// (no winner) is a draw between all of them.

export interface CompareVoteRecord {
  runId: string;
  /** The models of the run's replies. */
  models: string[];
  /** The winning model; null for a tie. */
  winner: string | null;
  at: number;
}

export interface LeaderboardRow {
  model: string;
  votes: number;
  wins: number;
  losses: number;
  ties: number;
  winRate: number;
  elo: number;
}

const START = 1000;
const K = 32;

export function leaderboard(votes: readonly CompareVoteRecord[]): LeaderboardRow[] {
  const rows = new Map<string, LeaderboardRow>();
  const row = (model: string) => {
    let entry = rows.get(model);
    if (!entry) rows.set(model, (entry = { model, votes: 0, wins: 0, losses: 0, ties: 0, winRate: 0, elo: START }));
    return entry;
  };
  for (const vote of [...votes].sort((a, b) => a.at - b.at)) {
    const models = [...new Set(vote.models)];
    for (const model of models) row(model).votes++;
    for (let a = 0; a < models.length; a++) {
      for (let b = a + 1; b < models.length; b++) {
        const first = row(models[a]!);
        const second = row(models[b]!);
        const score = vote.winner === null ? 0.5 : vote.winner === first.model ? 1 : vote.winner === second.model ? 0 : null;
        if (score === null) continue; // Neither won: the vote says nothing about this pair.
        const expected = 1 / (1 + 10 ** ((second.elo - first.elo) / 400));
        const change = K * (score - expected);
        first.elo += change;
        second.elo -= change;
      }
    }
    for (const model of models) {
      const entry = row(model);
      if (vote.winner === null) entry.ties++;
      else if (vote.winner === model) entry.wins++;
      else entry.losses++;
    }
  }
  return [...rows.values()]
    .map((entry) => ({ ...entry, elo: Math.round(entry.elo), winRate: entry.votes ? entry.wins / entry.votes : 0 }))
    .sort((a, b) => b.elo - a.elo || b.winRate - a.winRate || a.model.localeCompare(b.model));
}
