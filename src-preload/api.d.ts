// The bridge as the renderer sees it: `window.realmultillm` exists under Electron
// (the preload exposes it) and is absent in a plain browser. The renderer may
// `import type` this file.
import type { ApiClient } from '../src-shared/api/contract';

export type { ApiClient };
export type { ApiCallError } from './bridge';

/** A dialog's title and button, in the user's language. */
export interface DialogLabels {
  title: string;
  button: string;
}

/**
 * A file the user chose in a system dialog: a one-time grant for `transfer.import`
 * or `transfer.export`, minted by the main process, and the file's name to show.
 */
export interface ChosenFile {
  grant: string;
  name: string;
}

/** The system's file dialogs, under Electron. The page never learns or sends a path. */
export interface FileDialogs {
  /** The file the user chose in the save dialog for an export (a grant to write it), or null when they cancelled. */
  chooseExportFile(format: 'markdown' | 'json', labels: DialogLabels): Promise<ChosenFile | null>;
  /** The export file the user chose in the open dialog for an import (a grant to read it), or null when they cancelled. */
  chooseImportFile(labels: DialogLabels): Promise<ChosenFile | null>;
}

declare global {
  interface Window {
    /** The typed API client the Electron preload exposes; absent in a plain browser. */
    realmultillm?: ApiClient;
    /** Under Electron only: the system's dialogs for the files of an import or an export. */
    realmultillmFiles?: FileDialogs;
  }
}
