import { describe, expect, it } from 'vitest';
import { LIMITS, nestingOf, plainReasonOf, widestRow } from './limits';

describe('nestingOf', () => {
  it('counts lists and quotes inside each other, by markers and by indentation', () => {
    expect(nestingOf('Just a paragraph.')).toBe(0);
    expect(nestingOf('- a\n- b\n  - c\n    - d\n- e')).toBe(3);
    expect(nestingOf('> > quoted twice')).toBe(2);
    expect(nestingOf('1. one\n   1. inner')).toBe(2);
  });

  it('closes a list when a line is indented less, and ignores fenced code', () => {
    expect(nestingOf('- a\n  - b\nplain\n- c')).toBe(2);
    expect(nestingOf('```\n- - - - - - - - - - - - - - - - - - - -\n```')).toBe(0);
  });

  it('stops counting just past the limit, however deep the text goes', () => {
    expect(nestingOf('- '.repeat(10_000))).toBe(LIMITS.nesting + 1);
    expect(nestingOf('>'.repeat(10_000))).toBe(LIMITS.nesting + 1);
    const indented = Array.from({ length: 400 }, (_, i) => `${' '.repeat(2 * i)}- item ${i}`).join('\n');
    expect(nestingOf(indented)).toBe(LIMITS.nesting + 1);
  });
});

describe('widestRow', () => {
  it('counts the cells of the widest table row outside code', () => {
    expect(widestRow('| a | b |\n|---|---|\n| 1 | 2 |')).toBe(2);
    expect(widestRow('```\n' + '|'.repeat(500) + '\n```')).toBe(0);
  });
});

describe('plainReasonOf', () => {
  it('lets ordinary markdown be parsed', () => {
    expect(plainReasonOf('# Title\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |')).toBeNull();
    expect(plainReasonOf('x'.repeat(LIMITS.blockChars))).toBeNull();
  });

  it('names the limit each hostile reply passes', () => {
    expect(plainReasonOf('- '.repeat(10_000))).toBe('nesting');
    expect(plainReasonOf('1. '.repeat(10_000))).toBe('nesting');
    expect(plainReasonOf('>'.repeat(10_000))).toBe('nesting');
    expect(plainReasonOf('x'.repeat(LIMITS.blockChars + 1))).toBe('size');
    const wide = `|${' a |'.repeat(5_000)}\n|${'---|'.repeat(5_000)}`;
    expect(plainReasonOf(wide)).toBe('columns');
  });
});
