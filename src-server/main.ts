// `npm run server`: the team server's entry point. Prints its address, where its
// data lives and, until an admin exists, the one-time setup link (stdout); logs
// go to stderr as JSON lines.
import path from 'node:path';
import { ConfigError, loadIdentityConfig } from './auth/identity-config';
import { parseOptions, USAGE, UsageError } from './cli/options';
import { jsonLogger } from './context';
import { describePostgres } from './db/open';
import { startServer } from './server';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
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
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError) {
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
