// What a sync event's audit record names: the tables a batch touched (never content).
export const tablesOf = (changes: { table: string }[]) => [...new Set(changes.map((change) => change.table))].sort();
