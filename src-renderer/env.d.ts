// `window.realmultillm` is declared once, by the preload that exposes it.
import type {} from '../src-preload/api';

declare global {
  /** Every method name in src-shared/api/contract.ts, put in by vite.config.ts at build time. */
  const __API_METHODS__: readonly string[];
}
