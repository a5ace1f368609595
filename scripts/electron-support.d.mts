// Types of electron-support.mjs, for the TypeScript tests beside it.
export const SUPPORTED_MAJORS: number;
export function electronSupport(pinned: unknown, published: string[]): { ok: boolean; message?: string; warning?: string };
export function publishedElectronVersions(): string[];
