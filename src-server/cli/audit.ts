// `npm run server -- audit verify|export`: the audit trail from the command line,
// on the same database and files the server uses (DATABASE_URL or --data-dir).
// verify exits 0 when the chain and its newest checkpoints hold, 1 when not
// (naming the first bad event), 2 on a usage error.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSigningKey, readCheckpointFile } from '../audit/checkpoints';
import { exportAudit } from '../audit/query';
import { verifyChain } from '../audit/verify';
import { openDatabase } from '../db/open';
import { defaultDataDir, UsageError } from './options';

export const AUDIT_USAGE = `npm run server -- audit verify [--data-dir DIR] [--audit-key FILE] [--audit-checkpoints FILE]… [--checkpoints N]
npm run server -- audit export --format jsonl|csv [--out FILE] [--data-dir DIR]

  DATABASE_URL=postgres://…   the server's PostgreSQL (else the SQLite file in the data folder)`;

export interface Output {
  out: (text: string) => void;
}

/** Runs one audit command; returns the exit code. */
export async function runAuditCommand(argv: string[], env: NodeJS.ProcessEnv, output: Output): Promise<number> {
  const [command, ...rest] = argv;
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        'data-dir': { type: 'string' },
        'audit-key': { type: 'string' },
        'audit-checkpoints': { type: 'string', multiple: true },
        checkpoints: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${AUDIT_USAGE}`);
  }
  if (command !== 'verify' && command !== 'export') throw new UsageError(`Unknown audit command "${command ?? ''}".\n\n${AUDIT_USAGE}`);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir(env));
  const databaseUrl = env.DATABASE_URL || undefined;
  const sqliteFile = path.join(dataDir, 'server.sqlite');
  const target = databaseUrl ? { postgresUrl: databaseUrl } : { sqliteFile };
  if (!databaseUrl && !fs.existsSync(sqliteFile)) throw new UsageError(`There is no server database at ${sqliteFile}. Give the server's --data-dir, or DATABASE_URL.`);

  if (command === 'export') {
    const format = values.format;
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`audit export needs --format jsonl or --format csv.\n\n${AUDIT_USAGE}`);
    const database = await openDatabase(target);
    try {
      const file = values.out ? fs.openSync(values.out, 'w', 0o600) : null;
      try {
        for await (const chunk of exportAudit(database.db, format)) {
          if (file === null) output.out(chunk);
          else fs.writeSync(file, chunk);
        }
      } finally {
        if (file !== null) fs.closeSync(file);
      }
    } finally {
      await database.close();
    }
    return 0;
  }

  const newest = values.checkpoints === undefined ? 100 : Number(values.checkpoints);
  if (!Number.isInteger(newest) || newest < 0) throw new UsageError(`--checkpoints must be a whole number, not "${values.checkpoints}".`);
  const key = loadSigningKey(path.resolve(values['audit-key'] ?? path.join(dataDir, 'audit-signing-key.pem')), { create: false });
  // Every replica writes its own file: their checkpoints together, in chain order.
  const files = values['audit-checkpoints'] ?? [path.join(dataDir, 'audit-checkpoints.jsonl')];
  const fileCheckpoints = files.flatMap((file) => readCheckpointFile(path.resolve(file))).sort((a, b) => a.seq - b.seq || a.at - b.at);
  const database = await openDatabase(target);
  try {
    const report = await verifyChain(database, { fileCheckpoints, publicKeys: new Map([[key.id, key.publicKey]]), newest });
    const summary = `${report.events} events, ${report.checkpointsChecked} checkpoints checked in ${(report.ms / 1000).toFixed(1)} s`;
    if (report.ok) {
      output.out(`The audit trail is intact: ${summary}.\n`);
      return 0;
    }
    output.out(`The audit trail was tampered with (${summary}):\n${report.problems.map((problem) => `  - ${problem.message}`).join('\n')}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
