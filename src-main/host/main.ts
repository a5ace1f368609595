// The browser host once its entry (entry.ts) has started the store and is
// listening: runs the real core and connects it to the server.
import { createCore } from '../core/app';
import type { LocalStore } from '../core/store';
import { startHostServer } from './server';
import type { HostSite } from './site';

/**
 * A quit never waits longer: by then each reply's text is stored (the next start
 * marks it interrupted), so the host exits rather than linger after SIGTERM.
 */
const STOP_DEADLINE_MS = 2_000;

export async function runHost(dataDir: string, store: Promise<LocalStore>, site: HostSite, allowDirs: string[] = []): Promise<void> {
  const core = await createCore({ dataDir, transport: 'browser', store });
  let host;
  try {
    host = await startHostServer({ core, site, allowDirs });
  } catch (error) {
    await core.close();
    throw error;
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      core.log.warn('the host took too long to stop; exiting anyway', { afterMs: STOP_DEADLINE_MS });
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    await host.close();
    await core.close();
    process.exit(0);
  };
  const onSignal = () => {
    stop().catch((error: unknown) => {
      core.log.error('the host could not stop cleanly', { error });
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
