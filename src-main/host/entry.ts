// `npm run start:web`: the browser host's entry. It starts the store's thread
// first, then listens and serves the page (site.ts), then loads the rest of the
// app (main.ts, a chunk of its own) while that thread opens the database on the
// second core and the browser loads the page: start-up is the longest of the
// three rather than their sum. The page's first calls wait until the core is up.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataPaths, defaultDataDir } from '../core/paths';
import { openStore } from '../core/store';
import { parseHostArgs, UsageError } from './args';
import { openInBrowser } from './open-browser';
import { openHostSite, type HostSite } from './site';

/** Listens on the port asked for, or says in words why it cannot. */
async function listen(port: number | undefined): Promise<HostSite> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const staticDir = process.env.REALMULTILLM_RENDERER_DIR ?? path.resolve(here, '../renderer');
  try {
    return await openHostSite({ staticDir, ...(port !== undefined && { port }) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new UsageError(`Port ${port} is already in use. Pick another with --port N, or --port 0 for any free port.`);
    }
    throw error;
  }
}

/** Each `--allow-dir` as a full path; one that is not an existing folder is a usage error. */
function allowedFolders(given: string[]): string[] {
  return given.map((folder) => {
    const resolved = path.resolve(folder);
    if (!fs.statSync(resolved, { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`--allow-dir ${folder}: there is no folder there. Name an existing folder.`);
    }
    return resolved;
  });
}

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2));
  const dataDir = args.dataDir ? path.resolve(args.dataDir) : defaultDataDir();
  const allowDirs = allowedFolders(args.allowDirs);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = openStore({ file: dataPaths(dataDir).database });
  // Its failure is reported where the core awaits it, not as an unhandled rejection meanwhile.
  store.catch(() => {});
  let site: HostSite | null = null;
  try {
    site = await listen(args.port);
    const also = allowDirs.length > 0 ? `; typed paths may also use ${allowDirs.join(', ')}` : '';
    console.log(`RealMultiLLM is running at ${site.url} (data: ${dataDir}${also})`);
    if (args.open) {
      void openInBrowser(site.url).then((opened) => {
        if (!opened) console.log('Could not open a browser by itself; open the address above.');
      });
    }
    const { runHost } = await import('./main');
    await runHost(dataDir, store, site, allowDirs);
  } catch (error) {
    // The page, if it is already open, hears that the app is not coming.
    site?.failApi();
    await site?.close();
    await store.then((opened) => opened.close()).catch(() => {});
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(error.message);
  else console.error(`RealMultiLLM could not start: ${(error as Error).message}`);
  process.exit(1);
});
