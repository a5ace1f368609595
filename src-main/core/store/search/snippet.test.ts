import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TextGenerator } from '../../../../bench/support/text';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../../src-shared/entities/search';
import { buildMatchQuery, parseSearchText } from './search-repository';
import { makeSnippet } from './snippet';

/** FTS5's own snippet() over the same text and query, with the index's tokenizer. */
function ftsSnippets(texts: string[], query: string): Map<number, string> {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(content, tokenize = 'unicode61 remove_diacritics 2', prefix = '3')`);
    const insert = db.prepare('INSERT INTO t (rowid, content) VALUES (?, ?)');
    texts.forEach((text, i) => insert.run(i, text));
    const rows = db
      .prepare(`SELECT rowid, snippet(t, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS s FROM t WHERE t MATCH ?`)
      .all(buildMatchQuery(query)) as { rowid: number; s: string }[];
    return new Map(rows.map((row) => [row.rowid, row.s]));
  } finally {
    db.close();
  }
}

const CRAFTED = [
  'How do I read a CSV file in Python?',
  'Use the csv module: import csv, then csv.reader(open(path)). Pandas also reads CSV files.',
  'A recipe for pythonesque pasta with crème fraîche. Crème fraîche is French. Add the CRÈME last.',
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen the data value',
  'the data value one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen',
  'First sentence here. Second sentence: with data. Third one has more words than the window can hold and the data value sits at the end.',
  '   leading spaces, then data… and trailing punctuation!!!   ',
  'data data data data data data data data data data data data data data data data data data data data value',
  'Ünïcödé wörds: naïve café résumé — data, value; value: data.',
];

describe('snippets made in JavaScript', () => {
  it('are the snippets FTS5 makes, for crafted texts and phrase, prefix and accent queries', () => {
    for (const query of ['data', 'data val', '"data value"', 'the data', 'cre', 'creme fraiche', 'csv rea', 'python', 'value: data', 'naive cafe', 'seventeen']) {
      const fts = ftsSnippets(CRAFTED, query);
      expect(fts.size, `FTS5 matches something for ${query}`).toBeGreaterThan(0);
      for (const [i, snippet] of fts) expect(makeSnippet(CRAFTED[i]!, parseSearchText(query)), `${query} in text ${i}`).toBe(snippet);
    }
  });

  it('are the snippets FTS5 makes over generated chat text', () => {
    const text = new TextGenerator(3);
    const texts = Array.from({ length: 400 }, (_, i) => text.text(i % 2 ? 40 : 300));
    let compared = 0;
    for (const query of ['the', 'the of', 'code data', 'str', 'error', 'is it', 'use code val']) {
      for (const [i, snippet] of ftsSnippets(texts, query)) {
        expect(makeSnippet(texts[i]!, parseSearchText(query)), `${query} in text ${i}`).toBe(snippet);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
