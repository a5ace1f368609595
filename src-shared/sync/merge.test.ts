import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { applyChange, EMPTY_ROW, mergeRows, rowOf, type ChangeLike, type RowState } from './merge';

const NODES = ['000000000000000a', '000000000000000b', '000000000000000c'];
const COLUMNS = ['title', 'pinned', 'folder_id'];

const hlc = fc
  .record({ wallMs: fc.integer({ min: 0, max: 5 }), counter: fc.integer({ min: 0, max: 1 }), node: fc.constantFrom(...NODES) })
  .map((state) => formatHlc({ ...state, wallMs: 1_700_000_000_000 + state.wallMs }));
const value = fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', ''));
const change: fc.Arbitrary<ChangeLike> = fc.record({
  fields: fc.dictionary(fc.constantFrom(...COLUMNS), value, { maxKeys: 3 }),
  hlc,
  deleted: fc.boolean(),
});
const row: fc.Arbitrary<RowState> = fc.array(change, { maxLength: 4 }).map((changes) => changes.reduce(applyChange, EMPTY_ROW));

describe('the per-field last-writer-wins merge', () => {
  it('is commutative', () => {
    fc.assert(fc.property(row, row, (a, b) => {
      expect(mergeRows(a, b)).toEqual(mergeRows(b, a));
    }));
  });

  it('is associative', () => {
    fc.assert(fc.property(row, row, row, (a, b, c) => {
      expect(mergeRows(mergeRows(a, b), c)).toEqual(mergeRows(a, mergeRows(b, c)));
    }));
  });

  it('is idempotent', () => {
    fc.assert(fc.property(row, (a) => {
      expect(mergeRows(a, a)).toEqual(a);
    }));
  });

  it('reaches the same row whatever the order, duplicates and replays of the changes', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), (changes, picks) => {
        const inOrder = changes.reduce(applyChange, EMPTY_ROW);
        const shuffled = [...changes].sort((x, y) => (x.hlc < y.hlc ? 1 : -1));
        const replays = picks.map((pick) => changes[pick % changes.length]!);
        expect([...shuffled, ...replays].reduce(applyChange, EMPTY_ROW)).toEqual(inOrder);
      }),
    );
  });

  it('keeps, for each field, the value written with the greatest clock', () => {
    const older = { fields: { title: 'old', pinned: 1 }, hlc: formatHlc({ wallMs: 1000, counter: 0, node: NODES[0]! }), deleted: false };
    const newer = { fields: { title: 'new' }, hlc: formatHlc({ wallMs: 2000, counter: 0, node: NODES[1]! }), deleted: false };
    const merged = applyChange(applyChange(undefined, newer), older);
    expect(merged.fields).toEqual({ title: 'new', pinned: 1 });
    expect(merged.clocks).toEqual({ title: newer.hlc, pinned: older.hlc });
  });

  it('deletes with a later tombstone and revives with a later edit', () => {
    const made = rowOf({ fields: { title: 'x' }, hlc: formatHlc({ wallMs: 1000, counter: 0, node: NODES[0]! }), deleted: false });
    const removed = applyChange(made, { fields: {}, hlc: formatHlc({ wallMs: 2000, counter: 0, node: NODES[1]! }), deleted: true });
    expect(removed.deleted).toBe(true);
    expect(removed.fields.title).toBe('x');
    const staleEdit = applyChange(removed, { fields: { title: 'y' }, hlc: formatHlc({ wallMs: 1500, counter: 0, node: NODES[2]! }), deleted: false });
    expect(staleEdit.deleted).toBe(true);
    expect(staleEdit.fields.title).toBe('y');
    const revived = applyChange(removed, { fields: {}, hlc: formatHlc({ wallMs: 3000, counter: 0, node: NODES[2]! }), deleted: false });
    expect(revived.deleted).toBe(false);
  });
});
