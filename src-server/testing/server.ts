// A team server for tests, in this process, on a fresh database of either dialect,
// with helpers that make accounts and signed-in devices through the server's own
// code paths, and a fetch that speaks the protocol.
import { createHash, randomBytes } from 'node:crypto';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type TokenReply } from '../../src-shared/sync/wire';
import { createAccount, type AccountRow } from '../auth/accounts';
import type { IdentityConfig } from '../auth/identity-config';
import { finishAuthorization, redeemCode } from '../auth/oauth';
import { hashPassword } from '../auth/secrets';
import { silentLogger, type ServerContext } from '../context';
import type { Dialect } from '../db/open';
import { startServer, type RunningServer } from '../server';
import { createTestDatabase, type TestDatabase } from './databases';

export interface TestServer extends RunningServer {
  test: TestDatabase;
  /** Makes an account (with its personal space) directly in the database. */
  account(email: string, options?: { admin?: boolean; password?: string }): Promise<AccountRow>;
  /** Signs a device in for the account: the code and token exchange of the real flow, without the page. */
  device(account: AccountRow, name?: string): Promise<TokenReply>;
  /** fetch against the server with the protocol header and, when given, the access token. */
  call(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Makes an account (with its personal space) directly in the database. */
export async function makeAccount(context: ServerContext, email: string, options: { admin?: boolean; password?: string } = {}): Promise<AccountRow> {
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  return context.database.db
    .transaction()
    .execute((trx) => createAccount(trx, { email, name: email.split('@')[0]!, passwordHash, admin: options.admin ?? false }, context.now()));
}

/** Signs a device in for the account: the code and token exchange of the real flow, without the page. */
export async function signInDevice(context: ServerContext, account: AccountRow, name = 'Test laptop'): Promise<TokenReply> {
  const { verifier, challenge } = pkcePair();
  const redirectUri = 'http://127.0.0.1:45555/callback';
  const redirect = await finishAuthorization(
    context,
    { clientId: 'realmultillm-desktop', redirectUri, state: 's', codeChallenge: challenge, deviceName: name, devicePlatform: 'linux', appVersion: null },
    account.id,
  );
  const code = new URL(redirect).searchParams.get('code')!;
  const result = await redeemCode(context, { code, codeVerifier: verifier, redirectUri, clientId: 'realmultillm-desktop' });
  if (!result.ok) throw new Error(result.description);
  return result.reply;
}

export async function startTestServer(dialect: Dialect, options: { now?: () => number; test?: TestDatabase; identity?: IdentityConfig } = {}): Promise<TestServer> {
  const test = options.test ?? (await createTestDatabase(dialect));
  const running = await startServer({ database: test.target, host: '127.0.0.1', port: 0, log: silentLogger, now: options.now, identity: options.identity });
  const { context } = running;
  return {
    ...running,
    test,
    account: (email, accountOptions) => makeAccount(context, email, accountOptions),
    device: (account, name) => signInDevice(context, account, name),
    call(path, init = {}) {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has(PROTOCOL_HEADER)) headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
      if (token) headers.set('Authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('Content-Type', 'application/json');
      return fetch(`${running.url}${path}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    async stop() {
      await running.close();
      if (!options.test) await test.drop();
    },
  };
}

/** A reply's JSON body, typed by the test that reads it. */
export function readJson<T>(response: Response | Promise<Response>): Promise<T> {
  return Promise.resolve(response).then((reply) => reply.json() as Promise<T>);
}
