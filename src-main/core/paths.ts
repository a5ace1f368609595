import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'RealMultiLLM';

/**
 * The OS's application-data folder for RealMultiLLM: the same folder Electron
 * uses as userData, so the desktop app and the browser host share one store.
 * REALMULTILLM_DATA_DIR overrides it.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.REALMULTILLM_DATA_DIR) return path.resolve(env.REALMULTILLM_DATA_DIR);
  let base: string;
  if (platform === 'win32') base = env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') base = path.join(home, 'Library', 'Application Support');
  else base = env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  return path.join(base, APP_NAME);
}

export function dataPaths(dataDir: string) {
  return {
    database: path.join(dataDir, 'realmultillm.sqlite'),
    logs: path.join(dataDir, 'logs'),
    /** Export files the browser host received for an import (a browser cannot name a path); each is deleted after its import. */
    uploads: path.join(dataDir, 'uploads'),
  };
}
