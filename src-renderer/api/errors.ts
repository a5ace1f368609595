// Errors the renderer shows: every failed call carries a code and params, which
// i18n/errors.ts words in the user's language.
import type { UserError } from '../../src-shared/domain';
import { describeError } from '../i18n/errors';

/** A failed API call: `message` is the core's English wording, for logs. */
export class ApiError extends Error implements UserError {
  constructor(
    readonly code: string,
    message: string,
    readonly params: UserError['params'] = {},
    readonly problems?: UserError['problems'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function hasUserMessage(value: unknown): value is UserError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UserError).code === 'string' &&
    typeof (value as UserError).message === 'string' &&
    (value as UserError).message.length > 0
  );
}

/** The sentence to show for anything a call rejected with, in the user's language. */
export function userMessage(error: unknown): string {
  return describeError(hasUserMessage(error) ? error : null);
}

/** The machine-readable code of a failed call, for the few cases the UI handles itself. */
export function errorCode(error: unknown): string | null {
  return hasUserMessage(error) ? error.code : null;
}
