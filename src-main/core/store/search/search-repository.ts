// Full-text search over message text (messages_fts: schema 3, 3-character prefixes since 6). The index's rowid
// is messages.seq, which is time-ordered, so newest-first walks the index
// backwards and stops after one page; relevance ranks with bm25.
import type Database from 'better-sqlite3';
import { preparedOnce, type Prepared } from '../repositories/prepared';
import type { MessageRole } from '../../../../src-shared/domain';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit, type SearchQuery, type SearchResult } from '../../../../src-shared/entities/search';
import type { FieldValue } from '../interfaces';
import { SEQ_PER_MS } from '../repositories/messages';
import { makeSnippet, SNIPPET_TOKENS, TOKEN, type SearchTerm } from './snippet';

/** Relevance ranks at most this many of the newest matches (see search()). */
export const RANK_WINDOW = 5_000;

/** A token as an FTS5 string: quoting makes any input plain text (no operators, no columns). */
const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;

/**
 * What the user typed, as search terms. Search-as-you-type: the last word is
 * still being typed, so it matches as a prefix ("pyt" finds "python"); the words
 * before it are whole words; "quoted phrases" match exactly; all must appear.
 * (Only the last word is a prefix: a prefix longer than the indexed 3
 * characters expands to every matching term, and two of those make a slow query.)
 */
export function parseSearchText(text: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const rest = text.replace(/"([^"]*)("|$)/g, (_, phrase: string) => {
    const words = phrase.match(TOKEN) ?? [];
    if (words.length > 0) terms.push({ words, prefix: false });
    return ' ';
  });
  const words = rest.match(TOKEN) ?? [];
  // The last word is being typed unless a space, punctuation or an open phrase follows it.
  const typing = /[\p{L}\p{M}\p{N}]$/u.test(text) && (text.match(/"/g)?.length ?? 0) % 2 === 0;
  words.forEach((word, i) => {
    // Only 3-character prefixes are indexed; a shorter prefix would expand to most
    // of the index, so one or two letters match as a whole word ("go", "AI").
    terms.push({ words: [word], prefix: typing && i === words.length - 1 && word.length >= 3 });
  });
  return terms;
}

/** The terms as an FTS5 query that cannot be a syntax error; null when there is nothing to search for. */
export function buildMatchQuery(text: string): string | null {
  const terms = parseSearchText(text);
  return terms.length > 0 ? terms.map((term) => `${quote(term.words.join(' '))}${term.prefix ? '*' : ''}`).join(' ') : null;
}

interface HitRow {
  id: string;
  conversation_id: string;
  role: MessageRole;
  model: string | null;
  created_at: number;
  title: string;
  snippet: string;
}

const SNIPPET = `snippet(messages_fts, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', ${SNIPPET_TOKENS})`;

export class SearchRepository {

  private readonly statement: Prepared;

  constructor(private readonly db: Database.Database) {
    this.statement = preparedOnce(db);
  }

  search(query: Required<Pick<SearchQuery, 'order' | 'limit' | 'offset'>> & SearchQuery): SearchResult {
    const match = buildMatchQuery(query.text);
    if (match === null) return { hits: [], more: false };
    const where = ['m.deleted = 0', 'c.deleted = 0'];
    const params: Record<string, FieldValue> = { match, limit: query.limit + 1, offset: query.offset };
    const filter = (clause: string, name: string, value: FieldValue | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params[name] = value;
    };
    filter('m.conversation_id = @conversation', 'conversation', query.conversationId);
    filter('m.model = @model', 'model', query.model);
    filter('m.role = @role', 'role', query.role);
    filter('m.created_at >= @from', 'from', query.from);
    filter('m.created_at < @to', 'to', query.to);
    // A bound on the index's rowid lets FTS5 skip straight to the window (a seq is
    // never below its own millisecond's range).
    const matchWhere = ['messages_fts MATCH @match'];
    if (query.from !== undefined) {
      matchWhere.push('messages_fts.rowid >= @fromSeq');
      params.fromSeq = query.from * SEQ_PER_MS;
    }
    const rows = query.order === 'newest' ? this.newest(matchWhere, where, params) : this.byRelevance(query, matchWhere, where, params);
    const hits: SearchHit[] = rows.slice(0, query.limit).map((row) => ({
      conversationId: row.conversation_id,
      messageId: row.id,
      conversationTitle: row.title,
      role: row.role,
      model: row.model,
      createdAt: row.created_at,
      snippet: row.snippet,
    }));
    return { hits, more: rows.length > query.limit };
  }

  /** Newest first: FTS5 walks its index backwards and the query stops after one page. */
  private newest(matchWhere: string[], where: string[], params: Record<string, FieldValue>): HitRow[] {
    const sql = `SELECT m.id, m.conversation_id, m.role, m.model, m.created_at, c.title, ${SNIPPET} AS snippet
      FROM messages_fts
      JOIN messages m ON m.seq = messages_fts.rowid
      JOIN conversations c ON c.id = m.conversation_id
      WHERE ${[...matchWhere, ...where].join(' AND ')}
      ORDER BY messages_fts.rowid DESC LIMIT @limit OFFSET @offset`;
    return this.statement(sql).all(params) as HitRow[];
  }

  /**
   * By relevance, in three steps, each over as few rows as it can be:
   * 1. bm25 scores the newest RANK_WINDOW matches: every match of a specific
   *    query, the recent ones of a vague one ("the" matches most of a million
   *    messages, and scoring them all takes seconds). FTS5 reads its index
   *    backwards here far faster than forwards from a floor.
   * 2. The window, best first, is joined with the messages (for the filters and
   *    the hit's details) a slice at a time, until the page is full.
   * 3. Only the page's hits get snippets, made in JavaScript (snippet.ts).
   * (One query doing all three joins every match in the window before it sorts:
   * three times slower for a vague query at a million messages.)
   */
  private byRelevance(
    query: { text: string; limit: number; offset: number },
    matchWhere: string[],
    where: string[],
    params: Record<string, FieldValue>,
  ): HitRow[] {
    const ranked = this.statement(
      `WITH window AS MATERIALIZED (
         SELECT messages_fts.rowid AS seq, messages_fts.rank AS score FROM messages_fts
         WHERE ${matchWhere.join(' AND ')} ORDER BY messages_fts.rowid DESC LIMIT ${RANK_WINDOW})
       SELECT seq FROM window ORDER BY score, seq DESC`,
    )
      .pluck()
      .all(params) as number[];
    const details = this.statement(
      `SELECT m.seq, m.id, m.conversation_id, m.role, m.model, m.created_at, m.content, c.title
       FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.seq IN (SELECT value FROM json_each(@seqs)) AND ${where.join(' AND ')}`,
    );
    const wanted = query.offset + query.limit + 1;
    const found: (Omit<HitRow, 'snippet'> & { seq: number; content: string })[] = [];
    for (let start = 0; start < ranked.length && found.length < wanted; ) {
      // Most hits pass the filters; ask for a little more than is missing.
      const slice = ranked.slice(start, start + Math.max(32, (wanted - found.length) * 2));
      start += slice.length;
      const bySeq = new Map((details.all({ ...params, seqs: JSON.stringify(slice) }) as (typeof found)[number][]).map((row) => [row.seq, row]));
      for (const seq of slice) {
        const row = bySeq.get(seq);
        if (row) found.push(row);
      }
    }
    const terms = parseSearchText(query.text);
    return found.slice(query.offset, wanted).map(({ seq: _seq, content, ...row }) => ({ ...row, snippet: makeSnippet(content, terms) }));
  }
}
