// Types of electron-runtime.mjs, for the TypeScript tests beside it.
export function electronPackageDir(): string | null;
export function findElectronBinary(packageDir?: string | null): string | null;
export function downloadFailureReason(output: string): string;
export function ensureElectronRuntime(options?: { packageDir?: string | null; log?: (line: string) => void }): { binary: string } | { reason: string };
