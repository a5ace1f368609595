import { describe, expect, it } from 'vitest';
import { alignRendered, markedRuns, mergeParts } from './diff-marks';
import { wordDiff } from './word-diff';

describe('marking a word diff on rendered markdown', () => {
  it('traces rendered text back through the markdown syntax to the changed words', () => {
    const merged = mergeParts(wordDiff('# Title\n\n- first item\n- second item', '# Title\n\n- first item\n- other item')!);
    // What the renderer shows: a heading, then two list items, syntax gone.
    const rendered = ['Title', 'first item', 'second other item'];
    const runs = markedRuns(rendered, alignRendered(merged, rendered));
    expect(runs[0]).toEqual([{ kind: 'same', text: 'Title', starts: false }]);
    expect(runs[1]).toEqual([{ kind: 'same', text: 'first item', starts: false }]);
    expect(runs[2]).toEqual([
      { kind: 'removed', text: 'second', starts: true },
      { kind: 'same', text: ' ', starts: false },
      { kind: 'added', text: 'other', starts: true },
      { kind: 'same', text: ' item', starts: false },
    ]);
  });

  it('keeps a change whole across bold text and the spaces inside it', () => {
    const merged = mergeParts(wordDiff('plain end', 'plain **very bold** words end')!);
    const rendered = ['plain ', 'very bold', ' words end'];
    const runs = markedRuns(rendered, alignRendered(merged, rendered));
    expect(runs[1]).toEqual([{ kind: 'added', text: 'very bold', starts: true }]);
    expect(runs[2]).toEqual([
      { kind: 'added', text: ' words', starts: false },
      { kind: 'same', text: ' end', starts: false },
    ]);
  });

  it('leaves text the renderer added unmarked', () => {
    const merged = mergeParts(wordDiff('a b', 'a c')!);
    const rendered = ['a ', 'c', '—zzzz'];
    const kinds = alignRendered(merged, rendered);
    expect(kinds[1]).toEqual(['added']);
    expect(kinds[2]).toEqual(['same', 'same', 'same', 'same', 'same']);
  });
});
