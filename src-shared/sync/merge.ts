// The merge rule of docs/SYNC.md: per field, last writer wins. Each column keeps
// the clock of the change that wrote it; the tombstone is one more field with its
// own clock, and every change sets it (an edit after a delete revives the row).
// `mergeRows` is commutative, associative and idempotent, so the order in which
// changes arrive, duplicates and replays never matter (merge.test.ts proves it).
import type { FieldValue } from './schema';

export interface RowState {
  fields: Record<string, FieldValue>;
  /** The clock of the change that wrote each field; the same keys as `fields`. */
  clocks: Record<string, string>;
  deleted: boolean;
  /** The clock of the change that set `deleted`; null before any change. */
  deletedHlc: string | null;
}

export interface ChangeLike {
  fields: Record<string, FieldValue>;
  hlc: string;
  deleted: boolean;
}

export const EMPTY_ROW: RowState = Object.freeze({ fields: {}, clocks: {}, deleted: false, deletedHlc: null }) as RowState;

/** The state a single change describes. */
export function rowOf(change: ChangeLike): RowState {
  const clocks: Record<string, string> = {};
  for (const name of Object.keys(change.fields)) clocks[name] = change.hlc;
  return { fields: { ...change.fields }, clocks, deleted: change.deleted, deletedHlc: change.hlc };
}

/**
 * Orders two values written with the same clock. Two devices never share a clock,
 * so this only decides between copies of one change or hand-made states; it must
 * still be total for the merge to stay commutative.
 */
function valueRank(value: FieldValue): string {
  return value === null ? '0' : typeof value === 'number' ? `1${value}` : `2${value}`;
}

function newer(clockA: string, valueA: FieldValue, clockB: string, valueB: FieldValue): boolean {
  if (clockA !== clockB) return clockA > clockB;
  return valueRank(valueA) > valueRank(valueB);
}

export function mergeRows(a: RowState, b: RowState): RowState {
  const fields: Record<string, FieldValue> = { ...a.fields };
  const clocks: Record<string, string> = { ...a.clocks };
  for (const [name, clock] of Object.entries(b.clocks)) {
    const value = b.fields[name] ?? null;
    const mine = clocks[name];
    if (mine === undefined || newer(clock, value, mine, fields[name] ?? null)) {
      fields[name] = value;
      clocks[name] = clock;
    }
  }
  let deleted = a.deleted;
  let deletedHlc = a.deletedHlc;
  if (b.deletedHlc !== null && (deletedHlc === null || b.deletedHlc > deletedHlc || (b.deletedHlc === deletedHlc && b.deleted))) {
    deleted = b.deleted;
    deletedHlc = b.deletedHlc;
  }
  return { fields, clocks, deleted, deletedHlc };
}

/** Applies one change to a row's state (undefined: the row is not known yet). */
export function applyChange(state: RowState | undefined, change: ChangeLike): RowState {
  return mergeRows(state ?? EMPTY_ROW, rowOf(change));
}

