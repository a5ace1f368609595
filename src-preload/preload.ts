// The sandboxed preload (bundled to dist/main/preload.cjs). It exposes two things
// to the page: `window.realmultillm`, the typed API client, and
// `window.realmultillmFiles`, the system's open and save dialogs, which answer
// with a one-time grant for the file chosen, never a path.
// Never ipcRenderer, never an IPC event object, never a Node API.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient } from '../src-shared/api/contract';
import type { FileDialogs } from './api';
import { createBridge, createFileDialogs } from './bridge';

const api = createBridge(ipcRenderer);

contextBridge.exposeInMainWorld('realmultillm', {
  call: api.call,
  on: api.on,
} satisfies ApiClient);

const files = createFileDialogs(ipcRenderer);

contextBridge.exposeInMainWorld('realmultillmFiles', {
  chooseExportFile: files.chooseExportFile,
  chooseImportFile: files.chooseImportFile,
} satisfies FileDialogs);
