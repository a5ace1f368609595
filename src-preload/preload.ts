// The sandboxed preload (bundled to dist/main/preload.cjs). It exposes two things
// to the page: `window.realmultillm`, the typed API client, and
// `window.realmultillmFiles`, the path of a file the user chose (for an import).
// Never ipcRenderer, never an IPC event object, never a Node API.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { ApiClient } from '../src-shared/api/contract';
import type { FilePaths } from './api';
import { createBridge } from './bridge';

const api = createBridge(ipcRenderer);

contextBridge.exposeInMainWorld('realmultillm', {
  call: api.call,
  on: api.on,
} satisfies ApiClient);

contextBridge.exposeInMainWorld('realmultillmFiles', {
  pathFor: (file: File) => webUtils.getPathForFile(file),
} satisfies FilePaths);
