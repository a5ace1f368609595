// `npm run start:web`: the browser host's entry. It starts the store's thread
// first, then loads the rest of the app (main.ts, a chunk of its own) while that
// thread opens the database on the second core: start-up is the longer of the
// two rather than their sum.
import fs from 'node:fs';
import path from 'node:path';
import { dataPaths, defaultDataDir } from '../core/paths';
import { openStore } from '../core/store';
import { parseHostArgs, UsageError } from './args';

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const dataDir = args.dataDir ? path.resolve(args.dataDir) : defaultDataDir();
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = openStore({ file: dataPaths(dataDir).database });
  // Its failure is reported where the core awaits it, not as an unhandled rejection meanwhile.
  store.catch(() => {});
  const { runHost } = await import('./main');
  try {
    await runHost(args, dataDir, store);
  } catch (error) {
    await store.then((opened) => opened.close()).catch(() => {});
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(error.message);
  else console.error(`RealMultiLLM could not start: ${(error as Error).message}`);
  process.exit(1);
});
