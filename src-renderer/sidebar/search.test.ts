import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src-shared/entities/highlight';
import { snippetParts } from './search';

describe('snippetParts', () => {
  it('splits a snippet on the core’s highlight markers', () => {
    const snippet = `…the ${HIGHLIGHT_START}python${HIGHLIGHT_END} script and ${HIGHLIGHT_START}py${HIGHLIGHT_END}test`;
    expect(snippetParts(snippet)).toEqual([
      { text: '…the ', match: false },
      { text: 'python', match: true },
      { text: ' script and ', match: false },
      { text: 'py', match: true },
      { text: 'test', match: false },
    ]);
  });

  it('treats an unclosed marker as a match to the end', () => {
    expect(snippetParts(`a ${HIGHLIGHT_START}bc`)).toEqual([
      { text: 'a ', match: false },
      { text: 'bc', match: true },
    ]);
  });
});
