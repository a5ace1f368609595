// `npm run start:web`: runs the real core and serves the UI to the default browser.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/app';
import { defaultDataDir } from '../core/paths';
import { parseHostArgs, UsageError } from './args';
import { openInBrowser } from './open-browser';
import { startHostServer } from './server';

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const dataDir = args.dataDir ? path.resolve(args.dataDir) : defaultDataDir();
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = process.env.REALMULTILLM_RENDERER_DIR ?? path.resolve(here, '../renderer');
  const core = await createCore({ dataDir, transport: 'browser' });
  let host;
  try {
    host = await startHostServer({ core, staticDir, port: args.port });
  } catch (error) {
    await core.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(`Port ${args.port} is already in use. Pick another with --port N, or --port 0 for any free port.`);
    }
    throw error;
  }
  console.log(`RealMultiLLM is running at ${host.url} (data: ${dataDir})`);
  if (args.open && !(await openInBrowser(host.url))) {
    console.log('Could not open a browser by itself; open the address above.');
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(error.message);
  else console.error(`RealMultiLLM could not start: ${(error as Error).message}`);
  process.exit(1);
});
