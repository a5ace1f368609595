// Starts a team server: opens (and migrates) the database, listens, attaches the
// events WebSocket, and makes a setup link while no admin exists. Used by the
// command line (main.ts) and by tests, which start it in-process.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Checkpointer, loadSigningKey } from './audit/checkpoints';
import type { IdentityConfig } from './auth/identity-config';
import { makeSetupLink } from './auth/links';
import type { Logger, ServerContext } from './context';
import { openDatabase, type DatabaseTarget, type ServerDatabase } from './db/open';
import { createApp } from './http/app';
import { EventHub } from './http/events';
import { applyConfiguredOrgs } from './orgs/organizations';

export interface ServerOptions {
  database: DatabaseTarget | ServerDatabase;
  host: string;
  port: number;
  /** The address people reach the server at; defaults to http://HOST:PORT. */
  publicUrl?: string;
  trustProxy?: boolean;
  /** Organizations and their identity providers (--config). */
  identity?: IdentityConfig;
  log: Logger;
  now?: () => number;
  /** Signed checkpoints of the audit chain: the key file (made when missing) and the append-only file elsewhere. */
  audit?: { keyFile: string; checkpointFile: string; intervalMs: number };
  /** How long a shutdown lets requests in flight finish (default 8 s). */
  drainMs?: number;
}

export interface RunningServer {
  url: string;
  publicUrl: string;
  /** The one-time link that makes the first admin; null once an admin exists. */
  setupUrl: string | null;
  context: ServerContext;
  events: EventHub;
  checkpointer: Checkpointer | null;
  /**
   * Shuts down gracefully: stops accepting, closes WebSockets with a reconnect
   * hint, lets requests in flight finish (up to drainMs), signs a last audit
   * checkpoint, closes the database.
   */
  close(): Promise<void>;
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // A bad key stops the start before anything else is opened.
  const signingKey = options.audit ? loadSigningKey(options.audit.keyFile, { create: true }) : null;
  const ownsDatabase = !('db' in options.database);
  const database = 'db' in options.database ? options.database : await openDatabase(options.database);
  const server = http.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const url = `http://${urlHost(shownHost)}:${port}`;
  const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
  const context: ServerContext = { database, now: options.now ?? Date.now, publicUrl, log: options.log };
  if (options.identity) await applyConfiguredOrgs(context, options.identity.organizations);
  const app = createApp(context, { trustProxy: options.trustProxy ?? false, identity: options.identity });
  server.on('request', app);
  // Many devices keep a socket open; idle HTTP ones should not linger.
  server.keepAliveTimeout = 65_000;
  const events = new EventHub(context);
  events.attach(server);
  const setupUrl = await makeSetupLink(context);
  const checkpointer =
    options.audit && signingKey
      ? new Checkpointer(database, { key: signingKey, file: options.audit.checkpointFile, intervalMs: options.audit.intervalMs, now: context.now, log: options.log })
      : null;
  checkpointer?.start();
  let closing: Promise<void> | null = null;
  const drainMs = options.drainMs ?? 8000;
  return {
    url,
    publicUrl,
    setupUrl,
    context,
    events,
    checkpointer,
    close() {
      closing ??= (async () => {
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await events.close();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)))]);
        clearTimeout(timer);
        server.closeAllConnections();
        await drained;
        try {
          await checkpointer?.stop();
        } catch (error) {
          options.log.error('the last audit checkpoint failed', { error: error instanceof Error ? error.message : String(error) });
        }
        if (ownsDatabase) await database.close();
      })();
      return closing;
    },
  };
}
