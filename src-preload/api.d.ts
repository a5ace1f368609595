// The bridge as the renderer sees it: `window.realmultillm` exists under Electron
// (the preload exposes it) and is absent in a plain browser. The renderer may
// `import type` this file.
import type { ApiClient } from '../src-shared/api/contract';

export type { ApiClient };
export type { ApiCallError } from './bridge';

/** Where a file the user chose (an <input type="file">) is on disk; '' when it is not a file on disk. */
export interface FilePaths {
  pathFor(file: File): string;
}

declare global {
  interface Window {
    /** The typed API client the Electron preload exposes; absent in a plain browser. */
    realmultillm?: ApiClient;
    /** Under Electron only: the path of a chosen file. */
    realmultillmFiles?: FilePaths;
  }
}
