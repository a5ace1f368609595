// The database's health, as the writer answers store.integrityCheck.
import type Database from 'better-sqlite3';
import type { IntegrityReport } from '../../../../src-shared/entities/backup';

/** PRAGMA integrity_check, then the search index checked against the messages it indexes. */
export function integrityCheck(db: Database.Database): IntegrityReport {
  const problems = (db.pragma('integrity_check') as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .filter((line) => line !== 'ok');
  try {
    // rank 0: the index's own structure. Comparing with the content table would flag the
    // streaming and deleted messages that are left out of the index on purpose.
    db.prepare("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)").run();
    const indexed = db.prepare('SELECT count(*) AS n FROM messages_fts_docsize').get() as { n: number };
    const searchable = db.prepare("SELECT count(*) AS n FROM messages WHERE deleted = 0 AND status != 'streaming'").get() as { n: number };
    if (indexed.n !== searchable.n) problems.push(`search index: holds ${indexed.n} messages, expected ${searchable.n}`);
  } catch (error) {
    problems.push(`search index: ${(error as Error).message}`);
  }
  return { ok: problems.length === 0, problems };
}
