// A real team server for the client's tests and benches: src-server started as a
// child process (as `npm run server` starts it, from source), on a fresh SQLite
// folder or a fresh PostgreSQL database, with its first admin made through the
// setup page; a browser stand-in that signs in on the server's own page and
// follows the redirect to the app's loopback address; and a TCP proxy that can
// cut the network between one device and the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

const SERVER_MAIN = fileURLToPath(new URL('../../../../src-server/main.ts', import.meta.url));
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TeamServer {
  url: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Makes the first admin through the one-time setup page. */
  createAdmin(email: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect().catch((error: unknown) => {
    throw new Error(`PostgreSQL is not reachable at ${new URL(POSTGRES_ADMIN_URL).host}: ${String(error)}. Start it (trust auth, user postgres) or set TEST_POSTGRES_URL.`);
  });
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Starts a server. `clockOffsetMs` runs it with its clock moved (a server 10
 * minutes behind sees every device 10 minutes ahead).
 */
export async function startTeamServer(dialect: Dialect, options: { clockOffsetMs?: number } = {}): Promise<TeamServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmllm-team-server-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const args = ['--import', 'tsx'];
  if (options.clockOffsetMs) args.push('--import', `data:text/javascript,const now=Date.now;Date.now=()=>now()+(${options.clockOffsetMs});`);
  args.push(SERVER_MAIN, '--port', '0');
  let database: string | null = null;
  if (dialect === 'sqlite') {
    args.push('--data-dir', dir);
  } else {
    database = `rmllm_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${database}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${database}`;
    env.DATABASE_URL = url.href;
  }
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const started = await new Promise<{ url: string; setup: string | null }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The team server did not start within 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      const setup = /(http:\/\/\S+\/setup\?token=\S+)/.exec(output);
      // The address and the setup link come in one write.
      if (listening) {
        clearTimeout(timer);
        resolve({ url: listening[1]!, setup: setup?.[1] ?? null });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The team server exited (${code}) before it listened:\n${output}`));
    });
  });
  let stopped = false;
  return {
    url: started.url,
    output: () => output,
    async createAdmin(email, password) {
      if (!started.setup) throw new Error(`The server printed no setup link:\n${output}`);
      const form = await openForm(started.setup);
      const response = await submitForm(`${started.url}/setup`, form, { name: email.split('@')[0]!, email, password, confirm: password });
      if (response.status !== 201) throw new Error(`Setup failed (${response.status}): ${await response.text()}`);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
      if (database) await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

interface FormPage {
  status: number;
  html: string;
  cookie: string;
  hidden: Record<string, string>;
}

const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function openForm(url: string): Promise<FormPage> {
  const response = await fetch(url, { redirect: 'manual', headers: { 'Accept-Language': 'en' } });
  const html = await response.text();
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const hidden: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([\w-]+)" value="([^"]*)">/g)) hidden[match[1]!] = unescape(match[2]!);
  return { status: response.status, html, cookie, hidden };
}

function submitForm(url: string, form: FormPage, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: form.cookie, 'Accept-Language': 'en' },
    body: new URLSearchParams({ ...form.hidden, ...fields }).toString(),
  });
}

/**
 * Plays the person's browser: opens the server's sign-in page at `authorizeUrl`,
 * posts the e-mail and password, and follows the redirect to the app's loopback
 * address. Returns that last page's status and text.
 */
export async function signInWithBrowser(authorizeUrl: string, email: string, password: string, language = 'en'): Promise<{ status: number; text: string; redirect: string }> {
  const form = await openForm(authorizeUrl);
  if (form.status !== 200) throw new Error(`The sign-in page answered ${form.status}: ${form.html.slice(0, 500)}`);
  const action = new URL('/oauth/authorize', authorizeUrl).href;
  const posted = await submitForm(action, form, { email, password });
  const redirect = posted.headers.get('location');
  if (posted.status !== 303 || !redirect) throw new Error(`Signing in answered ${posted.status}: ${(await posted.text()).slice(0, 500)}`);
  const landed = await fetch(redirect, { headers: { 'Accept-Language': language } });
  return { status: landed.status, text: await landed.text(), redirect };
}

/** A TCP proxy in front of the server: `cut()` drops every connection and refuses new ones, `restore()` lets them through again. */
export interface NetworkLink {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function networkLink(serverUrl: string): Promise<NetworkLink> {
  const target = new URL(serverUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const shut = async () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    const current = server;
    server = null;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  await listen();
  return { url: `http://127.0.0.1:${port}`, cut: shut, restore: listen, close: shut };
}
