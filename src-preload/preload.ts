// The sandboxed preload (bundled to dist/main/preload.cjs). It exposes two things
// to the page: `window.realmultillm`, the typed API client, and
// `window.realmultillmFiles`, the path of a file the user chose (for an import)
// and the system's save dialog (for an export).
// Never ipcRenderer, never an IPC event object, never a Node API.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ApiClient } from '../src-shared/api/contract';
import type { FilePaths } from './api';
import { createBridge, createFilePaths } from './bridge';

const api = createBridge(ipcRenderer);

contextBridge.exposeInMainWorld('realmultillm', {
  call: api.call,
  on: api.on,
} satisfies ApiClient);

const files = createFilePaths(ipcRenderer, (file) => webUtils.getPathForFile(file));

contextBridge.exposeInMainWorld('realmultillmFiles', {
  pathFor: files.pathFor,
  chooseExportPath: files.chooseExportPath,
} satisfies FilePaths);
