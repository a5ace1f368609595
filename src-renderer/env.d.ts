// `window.realmultillm` is declared once, by the preload that exposes it.
import type {} from '../src-preload/api';
