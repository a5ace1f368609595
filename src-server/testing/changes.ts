// Changes for tests: valid by default, each with a fresh id and a clock just now.
import { uuidv7 } from '../../src-shared/ids';
import { formatHlc } from '../../src-shared/sync/hlc';
import type { Change } from '../../src-shared/sync/wire';

let counter = 0;

export function hlcAt(wallMs: number, node = '00000000000000aa', count = 0): string {
  return formatHlc({ wallMs, counter: count, node });
}

export function change(overrides: Partial<Change> = {}): Change {
  counter = (counter + 1) % 0xffff;
  return {
    id: uuidv7(),
    table: 'conversations',
    row: uuidv7(),
    fields: { title: 'Trip to Lisbon', updated_at: Date.now() },
    hlc: hlcAt(Date.now(), '00000000000000aa', counter),
    deleted: false,
    ...overrides,
  };
}
