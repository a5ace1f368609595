// How a merged row is kept in the `rows` table. Every change sets the tombstone's
// clock, so `deletedHlc` is the greatest clock the row has seen and no field's
// clock is later. `clocks` keeps only the fields whose clock differs from it: a
// row written by one change (most rows: messages are written once) stores `{}`
// instead of a 45-character clock per column.
import type { RowState } from '../../src-shared/sync/merge';

export function packClocks(state: RowState): Record<string, string> {
  const packed: Record<string, string> = {};
  for (const [name, clock] of Object.entries(state.clocks)) if (clock !== state.deletedHlc) packed[name] = clock;
  return packed;
}

export function unpackRow(stored: { fields: string; clocks: string; deleted: number; deleted_hlc: string | null }): RowState {
  const fields = JSON.parse(stored.fields) as RowState['fields'];
  const packed = JSON.parse(stored.clocks) as Record<string, string>;
  const clocks: Record<string, string> = {};
  for (const name of Object.keys(fields)) clocks[name] = packed[name] ?? stored.deleted_hlc!;
  return { fields, clocks, deleted: stored.deleted === 1, deletedHlc: stored.deleted_hlc };
}
