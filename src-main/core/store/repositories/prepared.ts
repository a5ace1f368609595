// Statements whose SQL is built from a table's name: each text is prepared once
// per connection and kept, so a hot loop over synced tables never re-parses SQL.
import type Database from 'better-sqlite3';

export type Prepared = (sql: string) => Database.Statement;

export function preparedOnce(db: Database.Database): Prepared {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
