// A keychain-like backend in memory for unit tests of the managed vault: it can
// be locked, unreachable, or fail chosen writes. The real keychain backend is
// tested against gnome-keyring in *.keychain.test.ts.
import { AppError } from '../../../../src-shared/api/errors';
import type { BackendHealth, BackendId, KeyBackend } from '../backend';
import { keyHint } from '../key-status';

export interface MemoryBackend extends KeyBackend {
  slots: Map<string, string>;
  state: BackendHealth['state'];
  /** When set, write throws for the slots it returns true for. */
  failWrite: ((slot: string) => boolean) | null;
  /** When set, remove throws for the slots it returns true for. */
  failRemove: ((slot: string) => boolean) | null;
}

export function createMemoryBackend(id: BackendId = 'keychain'): MemoryBackend {
  const backend: MemoryBackend = {
    id,
    slots: new Map(),
    state: 'ready',
    failWrite: null,
    failRemove: null,
    async health() {
      if (backend.state === 'ready') return { state: 'ready' };
      return { state: backend.state, error: stateError(backend.state) };
    },
    async write(slot, secret) {
      guard();
      if (backend.failWrite?.(slot)) throw new AppError('vault.keychain_failed', 'The system keychain refused the request.');
      backend.slots.set(slot, secret);
      return null;
    },
    async read(slot) {
      guard();
      const secret = backend.slots.get(slot);
      return secret === undefined ? null : { secret, refreshed: null };
    },
    async remove(slot) {
      guard();
      if (backend.failRemove?.(slot)) throw new AppError('vault.keychain_failed', 'The system keychain refused to delete it.');
      backend.slots.delete(slot);
    },
    async stored() {
      guard();
      return [...backend.slots].map(([slot, secret]) => ({ slot, hint: keyHint(secret) }));
    },
  };
  function guard(): void {
    if (backend.state !== 'ready') throw stateError(backend.state);
  }
  return backend;
}

function stateError(state: BackendHealth['state']): AppError {
  return state === 'locked'
    ? new AppError('vault.locked', 'Your system keychain is locked. Unlock it and try again; your saved keys are not lost.')
    : new AppError('vault.unavailable', 'RealMultiLLM cannot reach the system keychain.');
}
