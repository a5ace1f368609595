// The sandboxed preload (bundled to dist/main/preload.cjs). It exposes exactly one
// thing to the page: `window.realmultillm`, the typed API client. Never ipcRenderer,
// never an IPC event object, never a Node API.
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient } from '../src-shared/api/contract';
import { createBridge } from './bridge';

const api = createBridge(ipcRenderer);

contextBridge.exposeInMainWorld('realmultillm', {
  call: api.call,
  on: api.on,
} satisfies ApiClient);
