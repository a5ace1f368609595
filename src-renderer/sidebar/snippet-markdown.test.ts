import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END as END, HIGHLIGHT_START as START } from '../../src-shared/entities/highlight';
import { snippetRuns, type SnippetRun } from './snippet-markdown';

const plain = { match: false, strong: false, em: false, code: false };
const run = (text: string, style: Partial<Omit<SnippetRun, 'text'>> = {}): SnippetRun => ({ text, ...plain, ...style });

describe('snippetRuns', () => {
  it('turns bold, italics and code spans into styled runs without their syntax', () => {
    expect(snippetRuns('a **bold** and *soft* word with `x = 1`')).toEqual([
      run('a '),
      run('bold', { strong: true }),
      run(' and '),
      run('soft', { em: true }),
      run(' word with '),
      run('x = 1', { code: true }),
    ]);
  });

  it('keeps the highlight inside and across styled text', () => {
    expect(snippetRuns(`the **very ${START}friendly${END}** quokka`)).toEqual([
      run('the '),
      run('very ', { strong: true }),
      run('friendly', { strong: true, match: true }),
      run(' quokka'),
    ]);
  });

  it('drops heading and quote markers at line starts, and link targets', () => {
    expect(snippetRuns('## Title\n> quoted [the docs](https://example.com/x) here')).toEqual([
      run('Title\nquoted the docs here'),
    ]);
  });

  it('drops a bold or code delimiter whose other half was cut off, keeps a lone star or snake_case', () => {
    expect(snippetRuns('friendly** animals and `cut')).toEqual([run('friendly animals and cut')]);
    expect(snippetRuns('2 * 3 in snake_case_name')).toEqual([run('2 * 3 in snake_case_name')]);
  });

  it('leaves HTML as text', () => {
    expect(snippetRuns('<b>raw</b>')).toEqual([run('<b>raw</b>')]);
  });

  it('takes a code span literally', () => {
    expect(snippetRuns('`**not bold**`')).toEqual([run('**not bold**', { code: true })]);
  });
});
