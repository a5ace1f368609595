// Starts a team server: opens (and migrates) the database, listens, attaches the
// events WebSocket, and makes a setup link while no admin exists. Used by the
// command line (main.ts) and by tests, which start it in-process.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
}

export interface RunningServer {
  url: string;
  publicUrl: string;
  /** The one-time link that makes the first admin; null once an admin exists. */
  setupUrl: string | null;
  context: ServerContext;
  events: EventHub;
  close(): Promise<void>;
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

export async function startServer(options: ServerOptions): Promise<RunningServer> {
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
  return {
    url,
    publicUrl,
    setupUrl,
    context,
    events,
    async close() {
      await events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDatabase) await database.close();
    },
  };
}
