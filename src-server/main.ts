// `npm run server`: the team server's entry point. Prints its address, where its
// data lives and, until an admin exists, the one-time setup link (stdout); logs
// go to stderr as JSON lines.
import path from 'node:path';
import { AuditKeyError } from './audit/checkpoints';
import { runAuditCommand } from './cli/audit';
import { ConfigError, loadIdentityConfig } from './auth/identity-config';
import { parseOptions, USAGE, UsageError } from './cli/options';
import { jsonLogger } from './context';
import { describePostgres } from './db/open';
import { startServer } from './server';

/** A SIGTERM ends the process within this, whatever is still running (orchestrators wait 10 s, then kill). */
const SHUTDOWN_DEADLINE_MS = 9500;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'audit') {
    process.exitCode = await runAuditCommand(argv.slice(1), process.env, { out: (text) => process.stdout.write(text)});
    return;
  }
  const options = parseOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const identity = options.config ? loadIdentityConfig(options.config) : undefined;
  const database = options.databaseUrl ? { postgresUrl: options.databaseUrl } : { sqliteFile: path.join(options.dataDir, 'server.sqlite') };
  const running = await startServer({
    database,
    host: options.host,
    port: options.port,
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy,
    identity,
    log: jsonLogger,
    audit: { keyFile: options.auditKey, checkpointFile: options.auditCheckpoints, intervalMs: options.auditCheckpointSeconds * 1000 },
    drainMs: 8000,
  });
  // One write, so whoever reads the output sees the address and the link together.
  const lines = [
    `RealMultiLLM team server listening on ${running.url}`,
    `Data: ${options.databaseUrl ? describePostgres(options.databaseUrl) : database.sqliteFile!}`,
  ];
  if (identity) lines.push(`Single sign-on: ${identity.providers.map((provider) => `${provider.label} (${provider.orgId})`).join(', ') || 'no identity provider'}; callback ${running.publicUrl}/oauth/sso/callback`);
  if (running.setupUrl) lines.push(`No admin yet. Open this link once to create the first admin (it expires in 24 hours):\n  ${running.setupUrl}`);
  console.log(lines.join('\n'));
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    jsonLogger.info('shutting down: finishing requests in flight');
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof AuditKeyError) {
    console.error(error.message);
    process.exit(2);
  }
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') console.error(`The port is in use by another program. Choose another with --port, or stop that program. (${message})`);
  else if (code === 'ECONNREFUSED') console.error(`PostgreSQL does not answer at DATABASE_URL. Start it, or check the address. (${message})`);
  else console.error(`The team server could not start: ${message}`);
  process.exit(1);
});
