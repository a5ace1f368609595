// The store the rest of the core uses, seen through a proxy that tells sync when
// a write went in (one that may have queued a change), so it is pushed at once.
// Streaming flushes are not changes and do not count.
import type { LocalStore } from '../store';

const WRITE = /^(create|update|delete|restore|save|insert|finish|set|record|link|change|append|put|import|rehome|move|showBranch)/;
const LOCAL_ONLY = new Set(['appendStreamingText', 'appendStreamingReasoning', 'putVaultRecord', 'deleteVaultRecord', 'createBackup']);

export function nudgeOnWrites(store: LocalStore, nudge: () => void): LocalStore {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string' || !WRITE.test(property) || LOCAL_ONLY.has(property)) {
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      let fn = wrapped.get(property);
      if (!fn) {
        fn = async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          nudge();
          return result;
        };
        wrapped.set(property, fn);
      }
      return fn;
    },
  });
}
