// The bridge as the renderer sees it: `window.realmultillm` exists under Electron
// (the preload exposes it) and is absent in a plain browser. The renderer may
// `import type` this file.
import type { ApiClient } from '../src-shared/api/contract';

export type { ApiClient };
export type { ApiCallError } from './bridge';

/** The save dialog's title and button, in the user's language. */
export interface SaveDialogLabels {
  title: string;
  button: string;
}

/** Files by path, under Electron: where a chosen file is, and where an export should go. */
export interface FilePaths {
  /** Where a file the user chose (an <input type="file">) is on disk; '' when it is not a file on disk. */
  pathFor(file: File): string;
  /** The path the user chose in the system's save dialog for an export (titled in the user's language), or null when they cancelled. */
  chooseExportPath(format: 'markdown' | 'json', labels: SaveDialogLabels): Promise<string | null>;
}

declare global {
  interface Window {
    /** The typed API client the Electron preload exposes; absent in a plain browser. */
    realmultillm?: ApiClient;
    /** Under Electron only: the path of a chosen file, and the save dialog for exports. */
    realmultillmFiles?: FilePaths;
  }
}
