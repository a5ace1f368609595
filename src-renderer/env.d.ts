import type { ApiClient } from '../src-shared/api/contract';

declare global {
  interface Window {
    /** The typed API client the Electron preload exposes; absent in a plain browser. */
    realmultillm?: ApiClient;
  }
}
