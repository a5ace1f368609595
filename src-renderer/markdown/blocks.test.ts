import { describe, expect, it } from 'vitest';
import { IncrementalBlocks, splitBlocks } from './blocks';

describe('splitBlocks', () => {
  it('cuts paragraphs at blank lines and keeps every character', () => {
    const text = '# Title\n\nFirst paragraph\nstill first.\n\nSecond.';
    const blocks = splitBlocks(text);
    expect(blocks).toEqual(['# Title\n\n', 'First paragraph\nstill first.\n\n', 'Second.']);
    expect(blocks.join('')).toBe(text);
  });

  it('never cuts inside fenced code, even at blank lines', () => {
    const text = '```py\ndef f():\n\n    return 1\n```\n\nAfter.';
    expect(splitBlocks(text)).toEqual(['```py\ndef f():\n\n    return 1\n```\n\n', 'After.']);
  });

  it('keeps an unclosed fence (still streaming) in the tail', () => {
    expect(splitBlocks('Intro.\n\n```js\nlet a = 1;\n\nlet b')).toEqual(['Intro.\n\n', '```js\nlet a = 1;\n\nlet b']);
  });

  it('never cuts inside $$ math', () => {
    expect(splitBlocks('$$\na\n\nb\n$$\n\nText')).toEqual(['$$\na\n\nb\n$$\n\n', 'Text']);
  });

  it('keeps an indented continuation with its list item', () => {
    const text = '- item\n\n  more of the item\n\nNext.';
    expect(splitBlocks(text)).toEqual(['- item\n\n  more of the item\n\n', 'Next.']);
  });

  it('does not cut before a line that has not started', () => {
    expect(splitBlocks('One.\n\n')).toEqual(['One.\n\n']);
  });
});

describe('IncrementalBlocks', () => {
  it('gives the same split as splitBlocks at every step of a stream, reusing finished blocks', () => {
    const text = '# Heading\n\nSome text with `code`.\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n- y\n\nEnd.';
    const incremental = new IncrementalBlocks();
    let previous: readonly string[] = [];
    for (let i = 1; i <= text.length; i += 3) {
      const prefix = text.slice(0, i);
      const blocks = incremental.update(prefix);
      expect(blocks).toEqual(splitBlocks(prefix));
      // Finished blocks are the same strings as last time (memoized rendering reuses them).
      for (let b = 0; b < previous.length - 1 && b < blocks.length - 1; b++) expect(blocks[b]).toBe(previous[b]);
      previous = blocks;
    }
  });

  it('starts over when the text is replaced rather than appended', () => {
    const incremental = new IncrementalBlocks();
    incremental.update('A.\n\nB.');
    expect(incremental.update('C.\n\nD.')).toEqual(['C.\n\n', 'D.']);
  });
});
