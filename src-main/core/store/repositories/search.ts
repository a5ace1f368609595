// Full-text search over message text (messages_fts: schema 3, 3-character prefixes since 6). The index's rowid
// is messages.seq, which is time-ordered, so newest-first walks the index
// backwards and stops after one page; relevance ranks with bm25.
import type Database from 'better-sqlite3';
import type { MessageRole } from '../../../../src-shared/domain';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit, type SearchQuery, type SearchResult } from '../../../../src-shared/models/search';
import type { FieldValue } from '../types';
import { SEQ_PER_MS } from './messages';

/** Relevance ranks at most this many of the newest matches (see search()). */
export const RANK_WINDOW = 5_000;

/** Tokens as FTS5's unicode61 tokenizer sees them: runs of letters, marks and digits. */
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

/** A token as an FTS5 string: quoting makes any input plain text (no operators, no columns). */
const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;

/**
 * Turns what the user typed into an FTS5 query that cannot be a syntax error.
 * Search-as-you-type: the last word is still being typed, so it matches as a
 * prefix ("pyt" finds "python"); the words before it are whole words; "quoted
 * phrases" match exactly; all must appear. Null when there is nothing to search
 * for. (Only the last word is a prefix: a prefix longer than the indexed 3
 * characters expands to every matching term, and two of those make a slow query.)
 */
export function buildMatchQuery(text: string): string | null {
  const parts: string[] = [];
  const rest = text.replace(/"([^"]*)("|$)/g, (_, phrase: string) => {
    const words = phrase.match(TOKEN) ?? [];
    if (words.length > 0) parts.push(quote(words.join(' ')));
    return ' ';
  });
  const words = rest.match(TOKEN) ?? [];
  // The last word is being typed unless a space, punctuation or an open phrase follows it.
  const typing = /[\p{L}\p{M}\p{N}]$/u.test(text) && (text.match(/"/g)?.length ?? 0) % 2 === 0;
  words.forEach((word, i) => {
    // Only 3-character prefixes are indexed; a shorter prefix would expand to most
    // of the index, so one or two letters match as a whole word ("go", "AI").
    const prefix = typing && i === words.length - 1 && word.length >= 3;
    parts.push(prefix ? `${quote(word)}*` : quote(word));
  });
  return parts.length > 0 ? parts.join(' ') : null;
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

export class SearchRepository {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  search(query: Required<Pick<SearchQuery, 'order' | 'limit' | 'offset'>> & SearchQuery): SearchResult {
    const match = buildMatchQuery(query.text);
    if (match === null) return { hits: [], more: false };
    const where = ['messages_fts MATCH @match', 'm.deleted = 0', 'c.deleted = 0'];
    const params: Record<string, FieldValue> = { match, limit: query.limit + 1, offset: query.offset };
    const filter = (clause: string, name: string, value: FieldValue | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      params[name] = value;
    };
    filter('m.conversation_id = @conversation', 'conversation', query.conversationId);
    filter('m.model = @model', 'model', query.model);
    filter('m.role = @role', 'role', query.role);
    // Bounds on the index's rowid let FTS5 skip straight to the window.
    if (query.from !== undefined) {
      where.push('messages_fts.rowid >= @fromSeq', 'm.created_at >= @from');
      Object.assign(params, { fromSeq: query.from * SEQ_PER_MS, from: query.from });
    }
    if (query.to !== undefined) {
      where.push('m.created_at < @to');
      params.to = query.to;
    }
    if (query.order === 'relevance') {
      // bm25 must score every match before it can sort; a query matching most of a
      // million messages ("the") would take seconds. Rank among the newest
      // RANK_WINDOW matches: every match for a specific query, the recent ones for a vague one.
      const floor = this.statement(
        `SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match${query.from !== undefined ? ' AND rowid >= @fromSeq' : ''}
         ORDER BY rowid DESC LIMIT 1 OFFSET ${RANK_WINDOW - 1}`,
      ).get(params) as { rowid: number } | undefined;
      if (floor) {
        where.push('messages_fts.rowid >= @rankFloor');
        params.rankFloor = floor.rowid;
      }
    }
    const order = query.order === 'newest' ? 'messages_fts.rowid DESC' : 'messages_fts.rank, messages_fts.rowid DESC';
    const sql = `SELECT m.id, m.conversation_id, m.role, m.model, m.created_at, c.title,
        snippet(messages_fts, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 16) AS snippet
      FROM messages_fts
      JOIN messages m ON m.seq = messages_fts.rowid
      JOIN conversations c ON c.id = m.conversation_id
      WHERE ${where.join(' AND ')}
      ORDER BY ${order} LIMIT @limit OFFSET @offset`;
    const rows = this.statement(sql).all(params) as HitRow[];
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

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
