// The browser host once its entry (entry.ts) has started the store: runs the real
// core and serves the UI to the default browser.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/app';
import type { ConversationStore } from '../core/store/types';
import { UsageError, type HostArgs } from './args';
import { openInBrowser } from './open-browser';
import { startHostServer } from './server';

export async function runHost(args: HostArgs, dataDir: string, store: Promise<ConversationStore>): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = process.env.REALMULTILLM_RENDERER_DIR ?? path.resolve(here, '../renderer');
  const core = await createCore({ dataDir, transport: 'browser', store });
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
