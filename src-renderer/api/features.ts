// Calls to methods that colleagues add to the contract over time. The renderer is
// built from the same contract as the core, so "is it in the contract" is nearly
// "does the core answer it"; a core that still answers `api.unknown_method`
// (the contract got ahead of the handlers) counts as not having it either. A
// screen asks `hasMethod` and shows a plain "not available yet" state otherwise.
// The names come from vite.config.ts (`__API_METHODS__`), so the contract's zod
// schemas stay out of the renderer's bundle.
import type { ApiClient } from '../../src-shared/api/contract';
import { errorCode } from './errors';

// Unit tests run without the build's define: then nothing optional is available.
const available = new Set<string>(typeof __API_METHODS__ === 'undefined' ? [] : __API_METHODS__);
const unanswered = new Set<string>();

/** The methods screens use beyond the first contract, by what they are for. */
export const FEATURE_METHODS = {
  search: 'search.messages',
} as const;

export function hasMethod(name: string): boolean {
  return available.has(name) && !unanswered.has(name);
}

export class MethodNotAvailable extends Error {
  readonly code = 'feature.unavailable';
  constructor(readonly method: string) {
    super('This needs a newer version of RealMultiLLM: the feature is not available yet.');
  }
}

export function isNotAvailable(error: unknown): boolean {
  const code = errorCode(error) ?? (error instanceof MethodNotAvailable ? error.code : null);
  return code === 'feature.unavailable' || code === 'api.unknown_method';
}

/** Wraps a call so that a core without the method rejects with MethodNotAvailable (and is remembered). */
export async function guarded<T>(name: string, call: () => Promise<T>): Promise<T> {
  if (!hasMethod(name)) throw new MethodNotAvailable(name);
  try {
    return await call();
  } catch (error) {
    if (errorCode(error) === 'api.unknown_method') {
      unanswered.add(name);
      throw new MethodNotAvailable(name);
    }
    throw error;
  }
}

/** Calls a method by name without compile-time knowledge of it. */
export function callMethod(api: ApiClient, name: string, input: unknown): Promise<unknown> {
  return guarded(name, () => (api.call as (method: string, input: unknown) => Promise<unknown>)(name, input));
}
