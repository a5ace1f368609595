// Errors the renderer shows: every failed call carries a sentence for the user.
import type { UserError } from '../../src-shared/domain';

/** A failed API call: `message` is written for the person using the app. */
export class ApiError extends Error implements UserError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FALLBACK = 'Something went wrong. Try again; if it keeps happening, restart RealMultiLLM.';

function hasUserMessage(value: unknown): value is UserError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UserError).code === 'string' &&
    typeof (value as UserError).message === 'string' &&
    (value as UserError).message.length > 0
  );
}

/** The sentence to show for anything a call rejected with. */
export function userMessage(error: unknown): string {
  return hasUserMessage(error) ? error.message : FALLBACK;
}

/** The machine-readable code of a failed call, for the few cases the UI handles itself. */
export function errorCode(error: unknown): string | null {
  return hasUserMessage(error) ? error.code : null;
}
