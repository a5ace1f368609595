// The team server as a child process, started from source the way `npm run server`
// starts the bundle: for tests that kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../db/open';

export const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr, for failure messages. */
  output(): string;
}

/** `extraArgs` go after the port and the data folder (e.g. the audit options). */
export function startChildServer(target: DatabaseTarget, extraArgs: string[] = []): Promise<ChildServer> {
  const args = ['--import', 'tsx', MAIN, '--port', '0'];
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  if ('sqliteFile' in target) args.push('--data-dir', path.dirname(target.sqliteFile));
  else env.DATABASE_URL = target.postgresUrl;
  args.push(...extraArgs);
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 30 s:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, output: () => output });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before it listened:\n${output}`));
    });
  });
}
