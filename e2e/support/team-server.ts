// Team server replicas for end-to-end tests: real server processes (started from
// source as `npm run server` starts the bundle) on one PostgreSQL database made
// for the run, each on a port of its own that survives a stop and a start, so a
// test can take a replica away ("offline") and bring it back at the same address.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src-shared/sync/wire';
import { createTestDatabase, type TestDatabase } from '../../src-server/testing/databases';
import { openForm, submitForm } from '../../src-server/testing/forms';

const root = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(root, 'src-server', 'main.ts');

export interface Replica {
  url: string;
  /** The one-time setup link the first start printed, while no admin exists. */
  setupUrl: string | null;
  output(): string;
  running(): boolean;
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`). */
  start(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function teamDatabase(): Promise<TestDatabase> {
  return createTestDatabase('postgres');
}

export async function startReplica(database: TestDatabase): Promise<Replica> {
  if (!('postgresUrl' in database.target)) throw new Error('Replicas share a PostgreSQL database.');
  const postgresUrl = database.target.postgresUrl;
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = '';
  let setupUrl: string | null = null;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: postgresUrl };
      const started = spawn(process.execPath, ['--import', 'tsx', MAIN, '--port', String(port)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      const timer = setTimeout(() => reject(new Error(`The team server did not start within 30 s:\n${output}`)), 30_000);
      started.stderr!.on('data', (chunk: Buffer) => (output += chunk));
      started.stdout!.on('data', (chunk: Buffer) => {
        output += chunk;
        setupUrl ??= /(http:\/\/\S+\/setup\S*)/.exec(output)?.[1] ?? null;
        if (/listening on http:\/\/\S+\n/.test(output)) {
          clearTimeout(timer);
          // The setup link comes in the same write as the address.
          resolve();
        }
      });
      started.once('exit', (code) => {
        clearTimeout(timer);
        if (child === started) child = null;
        reject(new Error(`The team server exited (${code}) before it listened:\n${output}`));
      });
    });

  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    get setupUrl() {
      return setupUrl;
    },
    output: () => output,
    running: () => child !== null,
    start: () => {
      output = '';
      return start();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const running = child;
        if (!running || running.exitCode !== null) return resolve();
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      }),
  };
}

/**
 * An access token for the account, by the same sign-in a device makes (the
 * server's form, then the code exchanged with PKCE), as a script of an admin
 * would: for arranging what a test needs on the server, such as a shared space.
 */
export async function scriptToken(serverUrl: string, email: string, password: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = 'http://127.0.0.1:45556/callback';
  const authorize = new URL(`${serverUrl}/oauth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: 'realmultillm-desktop',
    redirect_uri: redirectUri,
    state: 'e2e',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    device_name: 'e2e script',
    device_platform: 'linux',
  }).toString();
  const form = await openForm(authorize.href);
  const signedIn = await submitForm(`${serverUrl}/oauth/authorize`, form, { email, password });
  const code = new URL(signedIn.headers.get('location') ?? 'http://invalid/').searchParams.get('code');
  if (!code) throw new Error(`The sign-in gave no code (HTTP ${signedIn.status}).`);
  const token = await fetch(`${serverUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, client_id: 'realmultillm-desktop' }).toString(),
  });
  if (!token.ok) throw new Error(`The token exchange failed (HTTP ${token.status}): ${await token.text()}`);
  return ((await token.json()) as { access_token: string }).access_token;
}

/** Makes a shared space owned by the token's account; returns its id. */
export async function createSharedSpace(serverUrl: string, token: string, name: string): Promise<string> {
  const response = await fetch(`${serverUrl}/api/v1/spaces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`The space was not made (HTTP ${response.status}): ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
