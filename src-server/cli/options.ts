// The command line: `npm run server -- [--port N] [--host H] [--data-dir DIR]
// [--public-url URL] [--trust-proxy] [--config FILE]`, and DATABASE_URL for PostgreSQL.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface CliOptions {
  host: string;
  port: number;
  dataDir: string;
  publicUrl: string | undefined;
  trustProxy: boolean;
  databaseUrl: string | undefined;
  /** The Ed25519 key that signs audit checkpoints (PEM; made on first start). */
  auditKey: string;
  /** The append-only file of signed checkpoints, best on another disk or host. */
  auditCheckpoints: string;
  auditCheckpointSeconds: number;
  /** The identity configuration (organizations and identity providers), a JSON file. */
  config: string | undefined;
  help: boolean;
}

export const DEFAULT_PORT = 8787;

export const USAGE = `RealMultiLLM team server

  npm run server -- [options]

  --port N          port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H          address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --data-dir DIR    where the SQLite database lives (default: see below)
  --public-url URL  the address people reach the server at, e.g. behind a proxy
                    (links the server prints start with it)
  --trust-proxy     take the client's address from X-Forwarded-For (behind a proxy)
  --audit-key FILE  the Ed25519 key that signs audit checkpoints (default
                    DATA-DIR/audit-signing-key.pem; made on first start, mode 0600)
  --audit-checkpoints FILE
                    the append-only file the signed checkpoints are also written to
                    (default DATA-DIR/audit-checkpoints.jsonl; put it on another disk)
  --audit-checkpoint-seconds N
                    how often the audit chain is signed (default 60; also at shutdown)
  --config FILE     organizations and their identity providers (single sign-on), JSON;
                    see src-server/README.md
  --help            this text

  npm run server -- audit verify [--data-dir DIR] [--audit-key FILE] [--audit-checkpoints FILE]
                    checks the audit trail; exits 1 and names the first bad event
  npm run server -- audit export --format jsonl|csv [--out FILE]
                    writes every audit event, oldest first (default: to stdout)

  DATABASE_URL=postgres://user@host:5432/db   use PostgreSQL instead of SQLite;
                    any number of servers may share one PostgreSQL.

  Default data folder: $XDG_DATA_HOME/realmultillm-server (Linux, else
  ~/.local/share/realmultillm-server), ~/Library/Application Support/RealMultiLLM Server
  (macOS), %LOCALAPPDATA%\\RealMultiLLM Server (Windows).`;

/** The per-user data folder a server keeps its database in when not told otherwise. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'RealMultiLLM Server');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'RealMultiLLM Server');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'realmultillm-server');
}

export class UsageError extends Error {}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'public-url': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'audit-key': { type: 'string' },
        'audit-checkpoints': { type: 'string' },
        'audit-checkpoint-seconds': { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicUrl)) throw new UsageError(`--public-url must start with http:// or https://, not "${publicUrl}".`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError('DATABASE_URL must be a PostgreSQL address (postgres://user@host:5432/database); unset it to use SQLite.');
  }
  const auditCheckpointSeconds = values['audit-checkpoint-seconds'] === undefined ? 60 : Number(values['audit-checkpoint-seconds']);
  if (!Number.isInteger(auditCheckpointSeconds) || auditCheckpointSeconds < 1 || auditCheckpointSeconds > 86_400) {
    throw new UsageError(`--audit-checkpoint-seconds must be a whole number from 1 to 86400, not "${values['audit-checkpoint-seconds']}".`);
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir(env));
  return {
    host: values.host ?? '127.0.0.1',
    port,
    dataDir,
    publicUrl,
    trustProxy: values['trust-proxy'] ?? false,
    databaseUrl,
    auditKey: path.resolve(values['audit-key'] ?? path.join(dataDir, 'audit-signing-key.pem')),
    auditCheckpoints: path.resolve(values['audit-checkpoints'] ?? path.join(dataDir, 'audit-checkpoints.jsonl')),
    auditCheckpointSeconds,
    config: values.config === undefined ? undefined : path.resolve(values.config),
    help: values.help ?? false,
  };
}
